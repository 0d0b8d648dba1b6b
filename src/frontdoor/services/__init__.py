"""Front-door services, by subject: contacts (`contacts`), screening and the manager's
decision (`screening`), referrals, i.e. child-in-need episodes (`referrals`), feedback to
referrers (`feedback`), partner disagreements (`disagreements`) and the import of past
contacts already decided (`history`).

Every function takes the acting user, checks their permission, validates by the rules of
`frontdoor.rules`, runs in one transaction, writes status history through
`core.workflow`, audits, and says which children's records changed
(`core.extensions.changed`).
"""

from .contacts import add_child_to_contact, create_child_for_contact, record_contact, record_step_up_contact
from .disagreements import escalate_disagreement, raise_disagreement, resolve_disagreement
from .feedback import record_feedback
from .history import Closure, HistoricContact, bulk_record_decided_contacts
from .referrals import close_referral, open_referral
from .screening import confirm_decision, return_for_more_work, screen_contact

__all__ = [
    "Closure",
    "HistoricContact",
    "add_child_to_contact",
    "bulk_record_decided_contacts",
    "close_referral",
    "confirm_decision",
    "create_child_for_contact",
    "escalate_disagreement",
    "open_referral",
    "raise_disagreement",
    "record_contact",
    "record_feedback",
    "record_step_up_contact",
    "resolve_disagreement",
    "return_for_more_work",
    "screen_contact",
]
