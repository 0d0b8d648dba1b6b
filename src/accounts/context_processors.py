"""What every page may show for the signed-in user's role."""

from typing import Any

from django.http import HttpRequest

from .permissions import Permission


def permissions(request: HttpRequest) -> dict[str, Any]:
    """`can.<PERMISSION>` in templates: whether the user's role holds it (e.g. `can.VIEW_AUDIT`
    shows the link to the audit); nothing for a visitor who has not signed in."""
    user = request.user
    if not user.is_authenticated:
        return {"can": {}}
    return {"can": {p.name: user.has_perm(p.value) for p in Permission}}
