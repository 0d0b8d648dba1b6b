"""The one way a view declares what it needs: `@requires(Permission.X)`.

The permission is attached to the view function so the permission matrix test can
enumerate every URL and know what it expects of every role.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .permissions import Permission

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

PUBLIC = "public"
AUTHENTICATED = "authenticated"


def requires(permission: Permission) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(permission.value):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def public(view: ViewFunc) -> ViewFunc:
    """A page anyone may see without signing in (sign-in itself, health check)."""
    view.required_permission = PUBLIC  # type: ignore[attr-defined]
    view.login_exempt = True  # type: ignore[attr-defined]
    return view


def authenticated(view: ViewFunc) -> ViewFunc:
    """A page every signed-in user may see, whatever their role (e.g. sign out)."""
    view.required_permission = AUTHENTICATED  # type: ignore[attr-defined]
    return view
