"""The one way a view declares the permission it needs: `@requires(Permission.X)`.

The permission is attached to the view function so the permission matrix test can
enumerate every URL and know what it expects of every role. A page that needs no
permission says so with `core.http.public` or `core.http.authenticated`.

A refusal is audited (REFUSED, with the actor, the permission, the page and the keys in
its address, such as the child's `person_id`) by `audit.services.record_refusal`, the
writer of the access door's refusals too.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from audit import services as auditor
from core.http import ViewFunc

from .permissions import Permission


def requires(permission: Permission) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(permission.value):
                _audit_refusal(request, view, permission, kwargs)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def _audit_refusal(
    request: HttpRequest, view: ViewFunc, permission: Permission, keys: dict[str, Any]
) -> None:
    page = f"{view.__module__.split('.')[0]}.{view.__name__}"
    auditor.record_refusal(
        actor=request.user if request.user.is_authenticated else None,
        what=page,
        reason=f"role lacks {permission.value}",
        changes={
            "permission": permission.value,
            "page": page,
            "keys": {k: str(v)[:40] for k, v in keys.items()},
        },
    )
