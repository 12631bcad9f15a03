"""Sign in with a mobile number and an OTP; sign out."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vaxkit.identity.phones import mask_phone
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.signin import confirm_otp, parse_phone, request_otp
from vaxkit.platform.web.citizen.forms import MobileForm, OtpForm
from vaxkit.platform.web.citizen.pages import safe_next, show_error
from vaxkit.platform.web.citizen.session import (
    OTP_KEY,
    anonymous,
    current_account,
    sign_in,
    sign_out,
)

# Codes after which the same OTP can never succeed: start again with a new one.
_START_OVER = ("otp.expired", "otp.used", "otp.tries_exceeded")


@require_http_methods(["GET", "POST"])
def signin(request: HttpRequest) -> HttpResponse:
    """Ask for the mobile number and send an OTP to it."""
    next_url = safe_next(request, reverse("web:account"))
    if current_account(request) is not None:
        return redirect(next_url)
    form = MobileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = request_otp(form.cleaned_data["mobile"], actor=anonymous(request))
            masked = mask_phone(parse_phone(form.cleaned_data["mobile"]))
        except ServiceError as exc:
            show_error(request, exc)
        else:
            request.session[OTP_KEY] = {
                "txn": sent.txn_id,
                "masked": masked,
                "length": sent.length,
                "next": next_url,
            }
            return redirect("web:otp")
    return render(request, "citizen/signin.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def otp(request: HttpRequest) -> HttpResponse:
    """Enter the OTP sent by SMS."""
    pending = request.session.get(OTP_KEY)
    if not pending:
        return redirect("web:signin")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signed_in = confirm_otp(
                pending["txn"], form.cleaned_data["otp"].strip(), actor=anonymous(request)
            )
        except ServiceError as exc:
            show_error(request, exc)
            if exc.code in _START_OVER:
                request.session.pop(OTP_KEY, None)
                return redirect("web:signin")
        else:
            sign_in(request, signed_in)
            messages.success(request, _("You are signed in."))
            return redirect(pending.get("next") or "web:account")
    return render(
        request,
        "citizen/otp.html",
        {"form": form, "masked": pending["masked"], "length": pending["length"]},
    )


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    sign_out(request)
    messages.success(request, _("You are signed out."))
    return redirect("web:home")
