"""Children in care: every consequential change is one of these functions. Each takes the
acting user, checks their permission, validates, writes history and an audit row, and says
that the child's record changed (core.extensions.changed).

One module a subject: periods of care and their SSDA903 episodes (`periods`), placements
(`placements`), plans (`plans`), the IRO and reviews (`reviews`), the IRO's escalations
(`escalations`), health (`health`), education (`education`), missing episodes (`missing`)
and exploitation screening (`exploitation`).
"""

from .education import record_education_plan
from .escalations import progress_escalation, raise_escalation
from .exploitation import record_screening
from .health import record_health_check
from .missing import record_missing_episode, record_return
from .periods import end_care, record_change, record_period_of_care, start_care
from .placements import PlacementDetails, approve_placement_with_parents
from .plans import record_plans
from .reviews import ActionDetails, allocate_iro, complete_review_action, record_review

__all__ = [
    "ActionDetails",
    "PlacementDetails",
    "allocate_iro",
    "approve_placement_with_parents",
    "complete_review_action",
    "end_care",
    "progress_escalation",
    "raise_escalation",
    "record_change",
    "record_education_plan",
    "record_health_check",
    "record_missing_episode",
    "record_period_of_care",
    "record_plans",
    "record_return",
    "record_review",
    "record_screening",
    "start_care",
]
