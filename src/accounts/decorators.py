"""The one way a view declares the permission it needs: `@requires(Permission.X)`.

The permission is attached to the view function so the permission matrix test can
enumerate every URL and know what it expects of every role. A page that needs no
permission says so with `core.http.public` or `core.http.authenticated`.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from core.http import ViewFunc

from .permissions import Permission


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
