"""Quality services, by subject. Each takes the acting user first, is atomic, validated and
audited, and says when a child's record changed (core.extensions.changed)."""

from ..action_rows import ActionRow
from .actions import complete_action, withdraw_action
from .audits import add_audit_action, moderate_audit, record_audit
from .duplicates import accept_pair, queue_duplicates, reject_pair, sweep_for_duplicates
from .establishment import record_establishment
from .oversight import record_oversight
from .programmes import draw_programme
from .supervision import ReviewRow, record_case_direction, record_supervision

__all__ = [
    "ActionRow",
    "ReviewRow",
    "accept_pair",
    "add_audit_action",
    "complete_action",
    "draw_programme",
    "moderate_audit",
    "queue_duplicates",
    "record_audit",
    "record_case_direction",
    "record_establishment",
    "record_oversight",
    "record_supervision",
    "withdraw_action",
    "reject_pair",
    "sweep_for_duplicates",
]
