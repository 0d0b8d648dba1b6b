"""Requests behind the sign-in wall (`core.middleware.LoginRequiredMiddleware`).

- `AuthenticatedHttpRequest`: the request a view is given; behind the wall every request
  has a signed-in user.
- `@public` and `@authenticated`: the two rules a page may declare that need no role
  permission: anyone, without signing in (sign-in itself, the health check); or anyone
  signed in (sign out, notifications, drafts). A page that needs a permission declares it
  with `accounts.decorators.requires`. The rule is kept on the view as
  `required_permission`, so the permission matrix test knows every page's rule.
- `file_download`: a stored file of a child's record, served as a download under a sandbox.
"""

from collections.abc import Callable
from typing import IO, TYPE_CHECKING, TypeVar

from django.http import FileResponse, HttpRequest, HttpResponse

if TYPE_CHECKING:
    from accounts.models import User

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

PUBLIC = "public"
AUTHENTICATED = "authenticated"


class AuthenticatedHttpRequest(HttpRequest):
    user: "User"  # type: ignore[assignment]


def public(view: ViewFunc) -> ViewFunc:
    """A page anyone may see without signing in (sign-in itself, health check)."""
    view.required_permission = PUBLIC  # type: ignore[attr-defined]
    view.login_exempt = True  # type: ignore[attr-defined]
    return view


def authenticated(view: ViewFunc) -> ViewFunc:
    """A page every signed-in user may see, whatever their role (e.g. sign out)."""
    view.required_permission = AUTHENTICATED  # type: ignore[attr-defined]
    return view


# A file served from a child's record is never shown by the browser as a page: it is saved
# (attachment), its type is not guessed from its bytes, and should it be opened in the browser
# anyway it runs no script, loads nothing and reaches nothing (a sandbox with nothing allowed).
FILE_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'"


def file_download(handle: IO[bytes], content_type: str, filename: str) -> FileResponse:
    """A stored file (an uploaded document, a child's drawing or recording) as a download."""
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response
