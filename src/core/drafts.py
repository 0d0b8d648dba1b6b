"""Server-side drafts of forms (ADR 0009): nothing typed is lost when a session ends.

- `save(user, url, data)`: keep the answers of the form at `url` (from the script as the
  user types, from a "Save draft" button, or from a POST that arrived after expiry).
- `stash_pending(request, url, data)`: a POST arrived after the session ended; the user
  is not known any more (or has just been signed out), so the answers wait in the new
  anonymous session, and `adopt_pending` turns them into the user's draft when they sign
  in again, returning the address of the "Your unsaved work" page.
- Views that complete a form call `discard(user, url)`; `core.middleware` also discards
  the draft of a form after a successful (redirecting) POST to its address.
- `purge_old_drafts()`: drafts nobody has touched for `HARBOUR_DRAFT_RETENTION_DAYS`
  (default 30) are deleted, as a system action (`manage.py purge_drafts`, or a schedule).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone

from . import trail
from .models import Draft

PENDING_KEY = "drafts.pending"
# Never kept in a draft.
EXCLUDED_FIELDS = frozenset(
    {"csrfmiddlewaretoken", "password", "password1", "password2", "code", "_draft_url"}
)
MAX_FIELDS = 200
MAX_VALUE_CHARS = 100_000


def clean_data(data: QueryDict | Mapping[str, Any]) -> dict[str, list[str]]:
    items: dict[str, list[Any]]
    if isinstance(data, QueryDict):
        items = {k: list(data.getlist(k)) for k in data}
    else:
        items = {k: (v if isinstance(v, list) else [v]) for k, v in data.items()}
    cleaned: dict[str, list[str]] = {}
    for key, values in list(items.items())[:MAX_FIELDS]:
        if key in EXCLUDED_FIELDS or "password" in key:
            continue
        cleaned[str(key)[:200]] = [str(v)[:MAX_VALUE_CHARS] for v in values]
    return cleaned


def normalise_url(url: str) -> str:
    """Drafts are keyed by the path of the form (no host, no query, no fragment)."""
    return (url or "/").split("#", 1)[0].split("?", 1)[0][:300] or "/"


def save(user: Any, url: str, data: QueryDict | Mapping[str, Any], *, expired: bool = False) -> Draft | None:
    cleaned = clean_data(data)
    if not any(v.strip() for values in cleaned.values() for v in values):
        return None
    draft, _ = Draft.objects.update_or_create(
        user=user,
        url=normalise_url(url),
        defaults={"data": cleaned, "updated_at": timezone.now(), "from_expired_session": expired},
    )
    return draft


def get(user: Any, url: str) -> Draft | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Draft.objects.filter(user=user, url=normalise_url(url)).first()


def discard(user: Any, url: str) -> None:
    if getattr(user, "is_authenticated", False):
        Draft.objects.filter(user=user, url=normalise_url(url)).delete()


def as_querydict(draft: Draft) -> QueryDict:
    """The draft as form data, e.g. `MyForm(drafts.as_querydict(draft))` in a view."""
    q = QueryDict(mutable=True)
    for key, values in draft.data.items():
        q.setlist(key, list(values))
    return q


def stash_pending(request: HttpRequest, url: str, data: QueryDict, user_id: int | None) -> None:
    request.session[PENDING_KEY] = {"url": normalise_url(url), "data": clean_data(data), "user_id": user_id}


def adopt_pending(request: HttpRequest, user: Any) -> str | None:
    """After sign-in: keep a form posted after expiry as the user's draft.

    Only the same user gets it back (when the expired session told us who it was).
    Returns the address of the page that offers to send it again, or None.
    """
    pending = request.session.pop(PENDING_KEY, None)
    if not pending:
        return None
    if pending.get("user_id") not in (None, user.pk):
        return None
    draft = save(user, pending["url"], pending["data"], expired=True)
    if draft is None:
        return None
    return reverse("core:draft", args=[draft.pk])


@dataclass(frozen=True)
class PurgeResult:
    deleted: int
    older_than_days: int
    cutoff: datetime


def purge_old_drafts(*, older_than_days: int | None = None, now: datetime | None = None) -> PurgeResult:
    """Delete drafts last saved more than `older_than_days` ago (default
    `HARBOUR_DRAFT_RETENTION_DAYS`). A system action: no user; one audit row with the
    count only (drafts hold what practitioners typed about children, so nothing of their
    content, their owners or their addresses is written to the audit or the output).

    Plain function with no arguments needed, so a scheduled task can call it directly.
    """
    days = settings.HARBOUR_DRAFT_RETENTION_DAYS if older_than_days is None else older_than_days
    if days < 1:
        raise ValueError("Drafts are kept for at least one day")
    cutoff = (now or timezone.now()) - timedelta(days=days)
    with transaction.atomic():
        deleted, _ = Draft.objects.filter(updated_at__lt=cutoff).delete()
        trail.record(
            actor=None,
            action="DELETE",
            summary=f"Old drafts purged: {deleted}",
            changes={"deleted": deleted, "older_than_days": days, "cutoff": cutoff},
            reason="Drafts past the draft retention period",
        )
    return PurgeResult(deleted=deleted, older_than_days=days, cutoff=cutoff)
