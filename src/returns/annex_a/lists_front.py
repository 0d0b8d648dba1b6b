"""Annex A lists 1-5: contacts, early help assessments, referrals, assessments, and
section 47 enquiries with their initial conferences. Each function returns a `Table` with
one row per record in the list's period (see `periods` and docs/returns/annex-a.md)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from assessments.models import Assessment, AssessmentOutcome
from early_help.models import EarlyHelpAssessment
from frontdoor.models import Contact, ContactChild, Referral
from protection.models import Conference, ConferenceDecision, ConferenceKind, S47Enquiry, S47Outcome

from ..base import Source, Table
from . import labels
from .context import Context, Dated, active, local_date, person_fields, shown, start_of_day, worker_name
from .periods import months_before
from .rows import new_table, open_in

# An assessment with any of these outcomes found the child needed children's social care.
SUPPORT_OUTCOMES = frozenset(
    {AssessmentOutcome.STRATEGY, AssessmentOutcome.CIN, AssessmentOutcome.CLA, AssessmentOutcome.SPECIALIST}
)


def earlier_in_12_months(history: Dated, person_id: int, day: date, pk: int) -> int:
    """How many of the child's records fall in the 12 months before (`day`, `pk`)."""
    since = months_before(day, 12)
    return sum(1 for d, other in history.values(person_id) if since <= d and (d, other) < (day, pk))


def list_1_contacts(ctx: Context) -> Table:
    """Every child of every contact received in the six months (one row per child per contact).

    The contacts are found first and their children second: a large authority has hundreds
    of thousands of contacts, and fetching the children of the window's contacts by key is
    much cheaper than joining every child link to its contact."""
    table = new_table("List 1")
    window = ctx.periods.six_months
    contacts = Contact.objects.filter(
        received_at__gte=start_of_day(window.start),
        received_at__lt=start_of_day(window.end + timedelta(days=1)),
    )
    received = {pk: (at, source) for pk, at, source in contacts.values_list("pk", "received_at", "source")}
    links = ContactChild.objects.filter(active(), contact_id__in=contacts.values("pk")).values_list(
        "pk", "contact_id", *person_fields()
    )
    zone = timezone.get_current_timezone()
    for pk, contact_id, *person in sorted(links, key=lambda link: (received[link[1]][0], link[0])):
        at, source = received[contact_id]
        table.add(
            [*ctx.common(person), local_date(at, zone), labels.label(labels.SOURCE, source)],
            Source(person[0], ContactChild._meta.label_lower, pk),
        )
    return table


def list_2_early_help(ctx: Context) -> Table:
    """Early help assessments open at any time in the six months."""
    table = new_table("List 2")
    rows = (
        EarlyHelpAssessment.objects.filter(
            active("episode__person__"),
            open_in(ctx.periods.six_months.start, "completed_on"),
            started_on__lte=ctx.as_of,
        )
        .order_by("started_on", "pk")
        .values_list(
            "pk",
            "started_on",
            "completed_on",
            "episode__lead_professional_agency",
            "episode__worker__team__name",
            *person_fields("episode__person__"),
        )
    )
    for pk, started, completed, agency, team, *person in rows:
        table.add(
            [*ctx.common(person), started, shown(completed, ctx.as_of), agency or team or None],
            Source(person[0], EarlyHelpAssessment._meta.label_lower, pk),
        )
    return table


def list_3_referrals(ctx: Context) -> Table:
    """Referrals received in the six months; the count is of the child's referrals in the
    12 months before each one."""
    table = new_table("List 3")
    window = ctx.periods.six_months
    base = Referral.objects.filter(active(), referral_date__gte=window.start, referral_date__lte=window.end)
    history = Dated(
        (person_id, day, pk)
        for person_id, day, pk in Referral.objects.filter(
            person_id__in=base.values("person_id"),
            referral_date__gte=months_before(window.start, 12),
            referral_date__lte=ctx.as_of,
        ).values_list("person_id", "referral_date", "pk")
    )
    rows = base.order_by("referral_date", "pk").values_list(
        "pk",
        "referral_date",
        "source",
        "referral_nfa",
        "closure_date",
        "created_by__team__name",
        "created_by__first_name",
        "created_by__last_name",
        *person_fields(),
    )
    for pk, day, source, nfa, closed, team, first, last, *person in rows:
        on = shown(closed, ctx.as_of) or ctx.as_of
        allocated = ctx.allocated(person[0], on)
        if allocated == [None, None]:  # nobody allocated: the worker who took the referral
            allocated = [team, worker_name(first, last)]
        table.add(
            [
                *ctx.common(person),
                day,
                labels.label(labels.SOURCE, source),
                labels.yes_no(nfa),
                earlier_in_12_months(history, person[0], day, pk),
                *allocated,
            ],
            Source(person[0], Referral._meta.label_lower, pk),
        )
    return table


def support_needed(outcomes: list[str], authorised: date | None) -> str | None:
    """List 4: did the (authorised) assessment find the child needs social care support?"""
    if authorised is None or not outcomes:
        return None
    return labels.yes_no(bool(SUPPORT_OUTCOMES.intersection(outcomes)))


def list_4_assessments(ctx: Context) -> Table:
    """Assessments open at any time in the six months (started, not authorised before it)."""
    table = new_table("List 4")
    rows = (
        Assessment.objects.filter(
            active(), open_in(ctx.periods.six_months.start, "authorised_on"), start_date__lte=ctx.as_of
        )
        .order_by("start_date", "pk")
        .values_list(
            "pk",
            "start_date",
            "child_seen_on",
            "authorised_on",
            "outcomes",
            "worker__team__name",
            "worker__first_name",
            "worker__last_name",
            *person_fields(),
        )
    )
    for pk, start, seen, authorised_on, outcomes, team, first, last, *person in rows:
        authorised = shown(authorised_on, ctx.as_of)
        table.add(
            [
                *ctx.common(person),
                ctx.disability(person[0]),
                start,
                labels.yes_no(shown(seen, ctx.as_of) is not None),
                authorised,
                support_needed(outcomes or [], authorised),
                team,
                worker_name(first, last),
            ],
            Source(person[0], Assessment._meta.label_lower, pk),
        )
    return table


def icpc_unnecessary(outcome: str, decided: date | None) -> str | None:
    """List 5: an enquiry that ended without an initial conference found one unnecessary."""
    if not outcome or decided is None:
        return None
    return labels.yes_no(outcome != S47Outcome.ICPC)


def list_5_section_47(ctx: Context) -> Table:
    """Section 47 enquiries open at any time in the six months, with their initial conference."""
    table = new_table("List 5")
    base = S47Enquiry.objects.filter(
        active(), open_in(ctx.periods.six_months.start, "outcome_date"), start_date__lte=ctx.as_of
    )
    persons = base.values("person_id")
    # An enquiry in the list may have started long before the window: all the children's history.
    enquiries = Dated(
        S47Enquiry.objects.filter(person_id__in=persons).values_list("person_id", "start_date", "pk")
    )
    initial = Conference.objects.filter(
        person_id__in=persons, kind=ConferenceKind.INITIAL, held_on__lte=ctx.as_of
    )
    conferences = Dated(initial.values_list("person_id", "held_on", "pk"))
    icpc: dict[int, tuple[date | None, str | None]] = {}
    for s47_id, icpc_on, icpc_decision in (
        initial.filter(s47__isnull=False).order_by("-held_on").values_list("s47_id", "held_on", "decision")
    ):
        icpc[s47_id] = (icpc_on, icpc_decision)  # ordered newest first: the earliest wins
    rows = base.order_by("start_date", "pk").values_list(
        "pk", "start_date", "strategy_discussion__held_on", "outcome", "outcome_date", *person_fields()
    )
    for pk, start, strategy, outcome, outcome_date, *person in rows:
        decided = shown(outcome_date, ctx.as_of)
        held, decision = icpc.get(pk, (None, None))
        table.add(
            [
                *ctx.common(person),
                ctx.disability(person[0]),
                strategy or start,
                icpc_unnecessary(outcome, decided),
                held,
                labels.yes_no(decision == ConferenceDecision.PLAN) if held else None,
                earlier_in_12_months(enquiries, person[0], start, pk),
                sum(1 for d, _ in conferences.values(person[0]) if months_before(start, 12) <= d < start),
                *ctx.allocated(person[0], decided or ctx.as_of),
            ],
            Source(person[0], S47Enquiry._meta.label_lower, pk),
        )
    return table
