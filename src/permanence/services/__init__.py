"""Permanence and court: every consequential change is one of these functions. Each takes the
acting user, checks their permission, runs in one transaction, is validated and audited, and
says that the child's record changed (core.extensions.changed); statuses change only through
`core.workflow.transition` over the machines in `machines.py`.

One module a subject: pre-proceedings (`pre_proceedings`), care proceedings and orders
(`proceedings`), adoption (`adoption`), previous permanence (`previous_permanence`) and
supervised contact (`contact`).
"""

from .adoption import advance_adoption, decide_adoption
from .contact import cancel_contact, record_contact_held, schedule_contact
from .pre_proceedings import record_plo_meeting, start_pre_proceedings, step_down_pre_proceedings
from .previous_permanence import record_previous_permanence
from .proceedings import conclude_proceedings, extend_proceedings, issue_proceedings, record_order

__all__ = [
    "advance_adoption",
    "cancel_contact",
    "conclude_proceedings",
    "decide_adoption",
    "extend_proceedings",
    "issue_proceedings",
    "record_contact_held",
    "record_order",
    "record_plo_meeting",
    "record_previous_permanence",
    "schedule_contact",
    "start_pre_proceedings",
    "step_down_pre_proceedings",
]
