from typing import Any

from accounts.permissions import Permission
from core.extensions import Panel, holds

from . import clocks, queries
from .models import Contact, ContactChild


def front_door_panel(person: Any, user: Any) -> Panel | None:
    if not user.has_perm(Permission.VIEW_CONTACTS.value):
        return None
    contacts = (
        list(Contact.objects.filter(child_links__person=person).order_by("-received_at")[:20])
        if holds(person, ContactChild)
        else []
    )
    referrals = list(person.referrals.all())  # newest first; prefetched for every panel (PREFETCH)
    if not contacts and not referrals and not user.has_perm(Permission.RECORD_CONTACT.value):
        return None
    return Panel(
        title="Front door",
        template="frontdoor/_panel.jinja",
        context={
            "person": person,
            "contacts": contacts,
            "referrals": referrals,
            "re_referrals": queries.re_referral_flags(referrals, every_one=True),
            "levels": dict(clocks.threshold_levels()),
        },
        order=20,
        anchor="front-door",
    )


PANELS = [front_door_panel]
PREFETCH = ["referrals"]
HOLDS = [ContactChild]
