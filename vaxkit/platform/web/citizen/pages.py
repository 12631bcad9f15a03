"""Small helpers the citizen and staff views share: the profile, the page language, errors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from vaxkit.eligibility import Reason
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.web.citizen.errors import error_message
from vaxkit.platform.web.citizen.reasons import reason_text
from vaxkit.profiles.schema import Profile


def profile_of(request: HttpRequest) -> Profile:
    return request.tenant.profile  # type: ignore[attr-defined]


def language_of(request: HttpRequest) -> str:
    """The page language's BCP 47 tag (for the profile's localized texts)."""
    language = getattr(request, "page_language", None)
    return language.code if language is not None else profile_of(request).languages.default


def show_error(request: HttpRequest, exc: ServiceError) -> None:
    """Put a service error on the page as a message, with its eligibility reasons if any."""
    messages.error(request, error_message(exc.code, exc.params))
    for item in exc.params.get("reasons") or []:
        reason = _reason(item)
        if reason is not None:
            messages.warning(
                request, reason_text(reason, profile_of(request), language_of(request))
            )


def _reason(item: Any) -> Reason | None:
    if isinstance(item, Reason):
        return item
    try:
        return Reason(str(item["code"]), dict(item.get("params") or {}))
    except (KeyError, TypeError, AttributeError):
        return None


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` address if it stays on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
