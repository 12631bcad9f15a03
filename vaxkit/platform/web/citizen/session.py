"""The signed-in citizen of a web request: the core's session token, kept in Django's session.

The token never reaches the browser: the session cookie names a server-side session that holds
it. Signing in rotates the session key (no fixation); signing out ends the core session too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from vaxkit.platform.actors import Anonymous, Citizen
from vaxkit.platform.registration.models import Account
from vaxkit.platform.registration.signin import SignedIn, authenticate_token, end_session

TOKEN_KEY = "vaxkit_citizen_token"  # noqa: S105 (a session key name, not a secret)
OTP_KEY = "vaxkit_otp"


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from (the proxy sets ``REMOTE_ADDR`` correctly)."""
    return request.META.get("REMOTE_ADDR") or None


def anonymous(request: HttpRequest) -> Anonymous:
    return Anonymous(ip=client_ip(request))


def current_account(request: HttpRequest) -> Account | None:
    """The signed-in account, or ``None`` (one query, cached on the request)."""
    if not hasattr(request, "_vaxkit_account"):
        token = request.session.get(TOKEN_KEY, "")
        request._vaxkit_account = authenticate_token(token) if token else None  # type: ignore[attr-defined]
    return request._vaxkit_account  # type: ignore[attr-defined]


def citizen(request: HttpRequest) -> Citizen:
    """The actor for services called on the signed-in citizen's behalf."""
    account = current_account(request)
    assert account is not None, "use @citizen_required"
    return Citizen(account=account, ip=client_ip(request))


def sign_in(request: HttpRequest, signed_in: SignedIn) -> None:
    request.session.cycle_key()
    request.session[TOKEN_KEY] = signed_in.token
    request.session.pop(OTP_KEY, None)
    request._vaxkit_account = signed_in.account  # type: ignore[attr-defined]


def sign_out(request: HttpRequest) -> None:
    token = request.session.get(TOKEN_KEY)
    if token:
        end_session(
            token, actor=citizen(request) if current_account(request) else anonymous(request)
        )
    request.session.flush()
    request._vaxkit_account = None  # type: ignore[attr-defined]


def citizen_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send visitors who are not signed in to the sign-in page, then back."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if current_account(request) is None:
            messages.info(request, _("Please sign in with your mobile number."))
            return redirect(
                f"{reverse('web:signin')}?{urlencode({'next': request.get_full_path()})}"
            )
        return view(request, *args, **kwargs)

    return wrapper
