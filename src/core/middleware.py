"""Cross-cutting request handling: sign-in required everywhere, no caching of records."""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from .request_context import reset_request_id, set_request_id

Handler = Callable[[HttpRequest], HttpResponse]


class LoginRequiredMiddleware:
    """Every page needs a signed-in user unless its view is marked `@public`."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_request_id(str(uuid.uuid4()))
        try:
            if not request.user.is_authenticated and not self._exempt(request):
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            return self.get_response(request)
        finally:
            reset_request_id(token)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return bool(getattr(match.func, "login_exempt", False))


class NoStoreMiddleware:
    """Pages about children must not be kept in browser or proxy caches."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path_info.startswith(settings.STATIC_URL):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
