"""The tenant's front page, the language switch and the logo."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from vaxkit.platform.web.citizen.forms import SearchForm
from vaxkit.platform.web.citizen.pages import language_of, profile_of, safe_next
from vaxkit.platform.web.citizen.session import current_account
from vaxkit.platform.web.languages import find_language
from vaxkit.platform.web.site import LOGO_TYPES, logo_file

LANGUAGE_COOKIE_AGE = 365 * 24 * 3600


def home(request: HttpRequest) -> HttpResponse:
    """Search without signing in, or sign in to register and book."""
    form = SearchForm(profile_of(request), language_of(request))
    return render(
        request,
        "citizen/home.html",
        {"form": form, "signed_in": current_account(request) is not None},
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language (only one of the tenant's) in a cookie."""
    response = redirect(safe_next(request, "/"))
    language = find_language(profile_of(request), request.POST.get("language"))
    if language is not None:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language.django_code,
            max_age=LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@cache_control(max_age=3600, public=True)
def logo(request: HttpRequest) -> HttpResponse:
    """The tenant's logo file from its profile's folder."""
    path = logo_file(request.tenant)  # type: ignore[attr-defined]
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), content_type=LOGO_TYPES[path.suffix.lower()])
