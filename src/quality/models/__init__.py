"""Supervision, management oversight, case audits and the authority's standards for them."""

from .audits import AuditAnswer, AuditQuestion, AuditSection, AuditTool, CaseAudit, Grade, Moderation
from .duplicates import DuplicatePair, DuplicatePairStatusChange, DuplicateSweep, PairStatus
from .establishment import TeamEstablishment
from .programmes import AuditProgramme, ProgrammeCase, SamplingRule
from .standards import Standard
from .supervision import (
    CLOSING_OUTCOMES,
    Action,
    ActionStatus,
    ActionStatusChange,
    CaseDirection,
    DirectionOutcome,
    DirectionReview,
    Oversight,
    OversightPoint,
    SupervisionSession,
)

__all__ = [
    "CLOSING_OUTCOMES",
    "Action",
    "ActionStatus",
    "ActionStatusChange",
    "AuditAnswer",
    "AuditProgramme",
    "AuditQuestion",
    "AuditSection",
    "AuditTool",
    "CaseAudit",
    "CaseDirection",
    "DirectionOutcome",
    "DirectionReview",
    "DuplicatePair",
    "DuplicatePairStatusChange",
    "DuplicateSweep",
    "Grade",
    "Moderation",
    "Oversight",
    "OversightPoint",
    "PairStatus",
    "ProgrammeCase",
    "SamplingRule",
    "Standard",
    "SupervisionSession",
    "TeamEstablishment",
]
