"""Contacts and referrals (DfE Characteristics of children in need; Working Together 2023)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from django.db.models import F, Q, QuerySet

from frontdoor.models import ContactChild, Referral
from timescales.calendar import add_working_days
from timescales.rules import get_rule

from ..periods import Period, add_months
from .base import CATALOGUE, Item, Polarity, Source, Unit, declare
from .counted import Counted, flag
from .query import CIN_CHILDREN, dmy, local_day, moments, within

FAMILY = "Contacts and referrals"


def _contacts_received(period: Period) -> QuerySet[ContactChild]:
    first, last = moments(period)
    return ContactChild.objects.filter(
        contact__received_at__range=(first, last), person__record_type="CHILD"
    ).annotate(
        subject=F("person_id"), on=local_day("contact__received_at"), hit=flag(Q(referral__isnull=False))
    )


_contact_children = Counted(_contacts_received, lambda on: f"Contact {dmy(on)}")


contacts = declare(
    id="contacts",
    title="Contacts received (children)",
    definition="Children named in contacts received by the front door in the period, one per child per contact.",
    source=Source.LOCAL,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Children in contacts received in the period",
    items=_contact_children,
    family=FAMILY,
)

declare(
    id="contacts_to_referral",
    title="Contacts that became referrals",
    definition="Of the children in contacts received in the period, the percentage whose contact "
    "led to a referral to children's social care.",
    source=Source.LOCAL,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.NEUTRAL,
    numerator="Children whose contact became a referral",
    denominator="Children in contacts received in the period",
    items=_contact_children,
    family=FAMILY,
)


def _decisions(period: Period) -> list[Item]:
    first, last = moments(period)
    rows = (
        ContactChild.objects.filter(contact__decided_at__range=(first, last), person__record_type="CHILD")
        .annotate(got=local_day("contact__received_at"), done=local_day("contact__decided_at"))
        .values_list("person_id", "got", "done")
    )
    allowed = get_rule("referral_decision").amount
    deadline = cache(lambda got: add_working_days(got, allowed))  # many contacts share a day
    return [Item(pid, done, hit=done <= deadline(got), what=f"Contact {dmy(got)}") for pid, got, done in rows]


declare(
    id="decisions_within_1_working_day",
    title=f"Contact decisions within {get_rule('referral_decision').in_words}",
    definition="Of the children in contacts decided in the period, the percentage decided by the "
    "end of the working day after the contact was received (Working Together 2023: a decision "
    f"within {get_rule('referral_decision').in_words}). Weekends and bank holidays are not working days.",
    source=Source.WORKING_TOGETHER,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.HIGHER,
    numerator=f"Decided within {get_rule('referral_decision').in_words} of receipt",
    denominator="Children in contacts decided in the period",
    items=_decisions,
    family=FAMILY,
)


def _referrals(period: Period) -> QuerySet[Referral]:
    return Referral.objects.filter(CIN_CHILDREN, within("referral_date", period)).annotate(
        subject=F("person_id"), on=F("referral_date"), hit=F("referral_nfa")
    )


_referral_rows = Counted(_referrals, lambda on: f"Referral {dmy(on)}")


referrals = declare(
    id="referrals",
    title="Referrals",
    definition="Referrals to children's social care with a referral date in the period (events, "
    "not children: a child referred twice counts twice). Contacts that did not become referrals "
    "are not counted.",
    source=Source.CIN,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    numerator="Referrals with a referral date in the period",
    items=_referral_rows,
    family=FAMILY,
)

CATALOGUE.rate_of(referrals, id="referrals_rate", title="Referrals per 10,000 children")


def _re_referrals(period: Period) -> list[Item]:
    """Referrals in the period, each marked when the same child had another referral in the
    12 months before its date (two queries: the period's referrals, then those children's
    earlier ones)."""
    current = list(
        Referral.objects.filter(CIN_CHILDREN, within("referral_date", period)).values_list(
            "person_id", "referral_date"
        )
    )
    earliest = add_months(period.start, -12)
    before: dict[int, list] = defaultdict(list)
    for pid, day in Referral.objects.filter(
        CIN_CHILDREN,
        person_id__in=Referral.objects.filter(CIN_CHILDREN, within("referral_date", period)).values(
            "person_id"
        ),
        referral_date__gte=earliest,
        referral_date__lte=period.end,
    ).values_list("person_id", "referral_date"):
        before[pid].append(day)
    return [
        Item(
            pid,
            day,
            hit=any(add_months(day, -12) <= other < day for other in before[pid]),
            what=f"Referral {dmy(day)}",
        )
        for pid, day in current
    ]


declare(
    id="re_referrals_12_months",
    title="Re-referrals within 12 months",
    definition="Of the referrals in the period, the percentage where the same child had a previous "
    "referral dated in the 12 months before this referral's date (DfE definition; an earlier "
    "referral on the same day is not counted as previous).",
    source=Source.CIN,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.LOWER,
    numerator="Referrals within 12 months of the child's previous referral",
    denominator="Referrals in the period",
    items=_re_referrals,
    family=FAMILY,
)

declare(
    id="referrals_nfa",
    title="Referrals ending in no further action",
    definition="Of the referrals in the period, the percentage recorded as no further action "
    "(the CIN census ReferralNFA flag).",
    source=Source.CIN,
    unit=Unit.PERCENTAGE,
    polarity=Polarity.LOWER,
    numerator="Referrals flagged no further action",
    denominator="Referrals in the period",
    items=_referral_rows,
    family=FAMILY,
)
