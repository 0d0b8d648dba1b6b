"""The front door's chronology: contacts and their decisions, referrals opened and closed
(see casework.chronology for the interface)."""

from django.db.models import Q

from casework.chronology import ChronologyEvent, Event, Kind, Source
from codes import cin

from .models import ContactChild, Referral


def _contact_received(link: ContactChild) -> ChronologyEvent:
    c = link.contact
    who = c.referrer_agency or cin.REFERRAL_SOURCE.label(c.source)
    return ChronologyEvent(
        person_id=link.person_id,
        occurred_on=c.received_at,
        kind=Kind.CONTACT,
        title="Contact received",
        summary=f"{c.get_channel_display()} contact from {who}.",
        source="frontdoor.Contact",
        source_key=f"frontdoor.Contact:{c.pk}:{link.person_id}",
        link=f"/front-door/contacts/{c.pk}/",
    )


def _contact_decided(link: ContactChild) -> ChronologyEvent:
    c = link.contact
    return ChronologyEvent(
        person_id=link.person_id,
        occurred_on=c.decided_at,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.DECISION,
        title="Front door decision",
        summary=f"Decision on the contact: {c.get_decision_display().lower()}.",
        source="frontdoor.Contact",
        source_key=f"frontdoor.Contact:{c.pk}:{link.person_id}:decided",
        link=f"/front-door/contacts/{c.pk}/",
    )


def _referral_received(r: Referral) -> ChronologyEvent:
    return ChronologyEvent(
        person_id=r.person_id,
        occurred_on=r.referral_date,
        kind=Kind.REFERRAL,
        title="Referral received",
        summary=(
            f"Referral from {cin.REFERRAL_SOURCE.label(r.source).lower()}; "
            f"primary need: {cin.PRIMARY_NEED.label(r.primary_need).lower()}."
        ),
        source="frontdoor.Referral",
        source_key=f"frontdoor.Referral:{r.pk}",
    )


def _referral_closed(r: Referral) -> ChronologyEvent:
    reason = f": {cin.CLOSURE_REASON.label(r.closure_reason).lower()}" if r.closure_reason else ""
    outcome = "with no further action" if r.referral_nfa else "case closed"
    return ChronologyEvent(
        person_id=r.person_id,
        occurred_on=r.closure_date,  # type: ignore[arg-type]  # only rows with one
        kind=Kind.DECISION,
        title="Referral closed",
        summary=f"Referral closed, {outcome}{reason}.",
        source="frontdoor.Referral",
        source_key=f"frontdoor.Referral:{r.pk}:closed",
    )


SOURCES = (
    # A contact about several children is an event in each one's chronology: the rows are
    # the contact's link to each child, the key the contact's.
    Source(
        "frontdoor.Contact",
        (
            Event(_contact_received),
            Event(_contact_decided, when=Q(contact__decided_at__isnull=False, contact__decision__gt="")),
        ),
        model="frontdoor.ContactChild",
        key="contact",
        select=("contact",),
    ),
    Source(
        "frontdoor.Referral",
        (Event(_referral_received), Event(_referral_closed, when=Q(closure_date__isnull=False))),
    ),
)
