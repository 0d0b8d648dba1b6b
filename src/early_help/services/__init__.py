"""Early help services, by subject: episodes, their lead professional, ending and step-up
(`episodes`); the assessment, meetings, the plan's actions and reviews (`plans`); the family
group conference waiting list (`fgc`); and the import of past episodes (`history`).

Each takes the acting user, checks their permission, validates by the rules of
`early_help.rules`, runs in one transaction, audits and says the child's record changed
(`core.extensions.changed`); the episode's status changes only through
`core.workflow.transition`.
"""

from .episodes import end_episode, set_lead_professional, start_episode, step_up
from .fgc import record_fgc_outcome, request_fgc
from .history import HistoricEpisode, bulk_record_episodes
from .plans import add_plan_action, complete_action, record_assessment, record_meeting, record_review

__all__ = [
    "HistoricEpisode",
    "add_plan_action",
    "bulk_record_episodes",
    "complete_action",
    "end_episode",
    "record_assessment",
    "record_fgc_outcome",
    "record_meeting",
    "record_review",
    "request_fgc",
    "set_lead_professional",
    "start_episode",
    "step_up",
]
