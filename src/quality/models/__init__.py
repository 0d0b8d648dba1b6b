"""Supervision, management oversight, case audits and the authority's standards for them."""

from .audits import AuditAnswer, AuditQuestion, AuditSection, AuditTool, CaseAudit, Grade, Moderation
from .standards import Standard
from .supervision import Action, CaseDirection, Oversight, OversightPoint, SupervisionSession

__all__ = [
    "Action",
    "AuditAnswer",
    "AuditQuestion",
    "AuditSection",
    "AuditTool",
    "CaseAudit",
    "CaseDirection",
    "Grade",
    "Moderation",
    "Oversight",
    "OversightPoint",
    "Standard",
    "SupervisionSession",
]
