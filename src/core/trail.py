"""The audit trail as the kernel writes to it: a typed port, not an import of the audit app.

Three things in core must leave an audit row: a workflow transition (`core.workflow`), the
purge of old drafts (`core.drafts`) and an idle sign-out (`core.middleware`). The audit app
keeps the trail (its rows, their hash chain and its check) and sits above core, so core declares
here the one call it needs, `record(...)`, and the audit app installs its writer when Django
starts (`audit.apps.AuditConfig.ready`). Writing with no writer installed raises: a change
that cannot be audited must not happen.

Only core's own modules write through here; every app above core writes with
`audit.services.record` directly (tests/test_architecture.py holds both rules).
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model

if TYPE_CHECKING:
    from accounts.models import User

# The audit actions core writes (each is an `audit.models.AuditAction` value).
Action = Literal["UPDATE", "DELETE", "SIGN_OUT"]


class AuditWriter(Protocol):
    """Append one audit row in the caller's transaction (`audit.services.record`)."""

    def __call__(
        self,
        *,
        actor: "User | None",
        action: str,
        person: Model | int | None = None,
        obj: Model | None = None,
        summary: str = "",
        changes: Mapping[str, Any] | None = None,
        reason: str = "",
    ) -> object: ...


_writer: AuditWriter | None = None


def install(writer: AuditWriter) -> None:
    """Make `writer` the trail core writes to (the audit app does, once, as Django starts)."""
    global _writer
    _writer = writer


def record(
    *,
    actor: "User | None",
    action: Action,
    person: Model | int | None = None,
    obj: Model | None = None,
    summary: str = "",
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
) -> None:
    """Append one audit row through the installed writer; `person` is whose record it concerns."""
    if _writer is None:
        raise ImproperlyConfigured("No audit writer is installed: the audit app must be in INSTALLED_APPS")
    _writer(
        actor=actor, action=action, person=person, obj=obj, summary=summary, changes=changes, reason=reason
    )
