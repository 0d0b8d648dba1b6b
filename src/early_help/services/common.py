"""What every early help service does first (the permission) and its audit row."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model

from accounts.models import User
from accounts.permissions import Permission
from audit import services as auditor
from audit.models import AuditAction

from ..models import EarlyHelpEpisode


def _require(actor: User) -> None:
    if not actor.has_perm(Permission.MANAGE_EARLY_HELP.value):
        raise PermissionDenied(Permission.MANAGE_EARLY_HELP.value)


def _audit(actor: User, episode: EarlyHelpEpisode, obj: Model, summary: str, **changes: object) -> None:
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=episode.person,
        obj=obj,
        summary=summary,
        changes=changes,
    )
