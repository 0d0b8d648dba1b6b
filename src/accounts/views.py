from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from audit import services as auditor
from audit.models import AuditAction

from .decorators import authenticated, public
from .forms import SignInForm


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignInForm(request, data=request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            login(request, user)
            auditor.record(actor=user, action=AuditAction.SIGN_IN, summary="Signed in")
            if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                return redirect(next_url)
            return redirect("home")
        auditor.record(
            actor=None,
            action=AuditAction.SIGN_IN_FAILED,
            summary="Sign-in failed",
            changes={"username_length": len(request.POST.get("username", ""))},
        )
    return render(
        request,
        "accounts/sign_in.jinja",
        {"form": form, "next": next_url, "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )


@authenticated
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    auditor.record(actor=request.user, action=AuditAction.SIGN_OUT, summary="Signed out")
    logout(request)
    return redirect("accounts:sign_in")
