"""The front door's chronology: contacts and their decisions, referrals opened and closed
(see casework.chronology for the interface)."""

from typing import Any

from django.db.models import Q

from casework.chronology import Event, Kind, Source
from codes import cin

from .models import ContactChild, Referral


def _contact_received(link: ContactChild) -> str:
    c = link.contact
    who = c.referrer_agency or cin.REFERRAL_SOURCE.label(c.source)
    return f"{c.get_channel_display()} contact from {who}."


def _contact_page(link: ContactChild) -> str:
    return f"/front-door/contacts/{link.contact_id}/"


def _referral_received(r: Referral) -> str:
    return (
        f"Referral from {cin.REFERRAL_SOURCE.label(r.source).lower()}; "
        f"primary need: {cin.PRIMARY_NEED.label(r.primary_need).lower()}."
    )


def _referral_closed(r: Referral) -> str:
    reason = f": {cin.CLOSURE_REASON.label(r.closure_reason).lower()}" if r.closure_reason else ""
    outcome = "with no further action" if r.referral_nfa else "case closed"
    return f"Referral closed, {outcome}{reason}."


SOURCES: tuple[Source[Any], ...] = (
    # A contact about several children is an event in each one's chronology: the rows are
    # the contact's link to each child, the key the contact's and the child's.
    Source(
        "frontdoor.Contact",
        (
            Event(
                kind=Kind.CONTACT,
                on="contact.received_at",
                title="Contact received",
                summary=_contact_received,
                link=_contact_page,
            ),
            Event(
                when=Q(contact__decided_at__isnull=False, contact__decision__gt=""),
                kind=Kind.DECISION,
                on="contact.decided_at",
                title="Front door decision",
                summary=lambda link: (
                    f"Decision on the contact: {link.contact.get_decision_display().lower()}."
                ),
                suffix=":decided",
                link=_contact_page,
            ),
        ),
        model="frontdoor.ContactChild",
        key="contact",
        select=("contact",),
        per_person=True,
    ),
    Source(
        "frontdoor.Referral",
        (
            Event(
                kind=Kind.REFERRAL, on="referral_date", title="Referral received", summary=_referral_received
            ),
            Event.once(
                kind=Kind.DECISION,
                on="closure_date",
                title="Referral closed",
                summary=_referral_closed,
                suffix=":closed",
            ),
        ),
    ),
)
