"""Language selection per tenant: only the profile's languages, chosen by cookie, then browser.

Django's ``LocaleMiddleware`` picks from every language Django knows; a tenant offers only those
of its profile, some of which Django has never heard of (Quechua, Aymara). This middleware runs
after it and settles the language for the tenant's pages. The web URLconf applies it to each
page itself (``decorator_from_middleware``), so the pages are right whether or not the settings
list it; listing it in ``MIDDLEWARE`` extends it to other tenant URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation.trans_real import parse_accept_lang_header

from vaxkit.platform.web.formatting import use_format_locale
from vaxkit.platform.web.languages import PageLanguage, default_language, find_language


def choose_language(request: HttpRequest) -> PageLanguage | None:
    """The page language for this request, or ``None`` outside a tenant."""
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        return None
    profile = tenant.profile
    chosen = find_language(profile, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen:
        return chosen
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code != "*" and (found := find_language(profile, code)):
            return found
    return default_language(profile)


class TenantLanguageMiddleware(MiddlewareMixin):
    """Activate the tenant language chosen for the request and mark the response with it."""

    def __init__(self, get_response: Callable[[HttpRequest], Any] | None = None) -> None:
        super().__init__(get_response)

    def process_request(self, request: HttpRequest) -> None:
        language = choose_language(request)
        request.page_language = language  # type: ignore[attr-defined]
        if language is None:
            use_format_locale("en")
            return
        translation.activate(language.django_code)
        request.LANGUAGE_CODE = language.django_code  # type: ignore[attr-defined]
        use_format_locale(language.format_locale)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        language = getattr(request, "page_language", None)
        if language is not None:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            response.headers["Content-Language"] = language.code
        return response
