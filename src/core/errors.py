"""GOV.UK-style error pages (handler403/404/500)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(request, "error.jinja", {"title": title, "message": message}, status=status)


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(
        request,
        403,
        "You do not have access to this page",
        "Your role does not allow this. If you need access, ask your manager.",
    )


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 404, "Page not found", "If you typed the web address, check it is correct.")


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "error.jinja",
        {
            "title": "Sorry, there is a problem with Harbour",
            "message": "Nothing you entered has been lost. Try again later.",
        },
        status=500,
    )
