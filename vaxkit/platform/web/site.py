"""What every page's layout needs from the tenant: branding, languages, direction, fonts.

White-label: names, colours and the logo come from the profile's ``branding``; nothing here
names a country. Built once per request and kept on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.http import HttpRequest
from django.utils import translation

from vaxkit.certificates.typefaces import TYPEFACES, UnsupportedLanguageError, font_stack
from vaxkit.platform.sms.outbox import inbox_visible
from vaxkit.platform.web.languages import PageLanguage, default_language, find_language
from vaxkit.platform.web.languages import page_languages as profile_languages
from vaxkit.profiles.schema import Profile

LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}


@dataclass(frozen=True)
class Site:
    """The tenant's face for one request, in the request's language."""

    code: str
    platform_name: str
    ministry: str
    country_name: str
    primary: str
    secondary: str
    text_on_primary: str
    has_logo: bool
    helpline: str | None
    languages: tuple[PageLanguage, ...]
    language: PageLanguage
    font_family: str
    sms_inbox: bool
    profile: Profile

    @property
    def direction(self) -> str:
        return self.language.direction

    def text(self, value: dict[str, str]) -> str:
        """A localized profile text in the page language."""
        return self.profile.text(value, self.language.code)


def _font_family(language: PageLanguage, profile: Profile) -> str:
    try:
        families = font_stack(language.code, profile.languages.fallbacks)
    except UnsupportedLanguageError:
        families = []
    # every bundled face follows, so a name in another script still finds its glyphs
    ordered = list(dict.fromkeys([*families, *(face.family for face in TYPEFACES)]))
    return ", ".join(f'"{family}"' for family in ordered) + ", system-ui, sans-serif"


def site_for(request: HttpRequest) -> Site | None:
    """The :class:`Site` of the request's tenant (``None`` on the public host)."""
    cached = getattr(request, "_vaxkit_site", None)
    if cached is not None:
        return cached
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        return None
    profile = tenant.profile
    language = getattr(request, "page_language", None) or (
        find_language(profile, translation.get_language()) or default_language(profile)
    )
    branding = profile.branding
    place = profile.jurisdiction or profile.country
    site = Site(
        code=tenant.code,
        platform_name=profile.text(branding.platform_name, language.code),
        ministry=profile.text(branding.ministry, language.code),
        country_name=profile.text(place.names, language.code),
        primary=branding.colors.primary,
        secondary=branding.colors.secondary,
        text_on_primary=branding.colors.text_on_primary,
        has_logo=logo_file(tenant) is not None,
        helpline=branding.helpline,
        languages=tuple(profile_languages(profile)),
        language=language,
        font_family=_font_family(language, profile),
        sms_inbox=inbox_visible(),
        profile=profile,
    )
    request._vaxkit_site = site  # type: ignore[attr-defined]
    return site


def logo_file(tenant: Any) -> Path | None:
    """The tenant's logo file, if its profile names one that exists next to the profile."""
    logo = tenant.profile.branding.logo
    if not logo or not tenant.profile_source:
        return None
    path = (Path(tenant.profile_source).parent / logo).resolve()
    if path.suffix.lower() not in LOGO_TYPES or not path.is_file():
        return None
    return path
