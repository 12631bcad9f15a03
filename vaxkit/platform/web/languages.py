"""The languages a tenant's pages are offered in: names, text direction and formatting locale.

Everything comes from the profile's ``languages`` and from CLDR (through Babel): the direction of a
script is CLDR's, never the profile's. A language CLDR does not know (Aymara) borrows the dates,
numbers and direction of its ``languages.fallbacks`` entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from vaxkit.profiles.schema import Profile

# Endonyms for languages CLDR has no data for; shown in the language switcher.
_ENDONYMS = {"ay": "Aymar aru", "kha": "Khasi"}


@dataclass(frozen=True, slots=True)
class PageLanguage:
    """One language of the pages, with what the layout and the formatters need."""

    code: str
    """BCP 47 tag as written in the profile (``es-PE``)."""
    django_code: str
    """Django's form (``es-pe``), used to activate translations."""
    name: str
    """The language's own name, for the switcher (``हिन्दी``)."""
    direction: str
    """``ltr`` or ``rtl``."""
    format_locale: str
    """Babel locale id used for dates and numbers (``es`` for Aymara)."""


def _parse(code: str) -> Locale | None:
    try:
        return Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=512)
def describe_language(code: str, fallback: str | None = None) -> PageLanguage:
    """A :class:`PageLanguage` for ``code``; ``fallback`` lends CLDR data when CLDR lacks it."""
    own = _parse(code)
    data = own or (_parse(fallback) if fallback else None) or Locale("en")
    name = own.get_display_name(own) if own else _ENDONYMS.get(code.split("-")[0], code)
    return PageLanguage(
        code=code,
        django_code=code.lower(),
        name=(name or code)[:1].upper() + (name or code)[1:],
        direction=data.text_direction,
        format_locale=str(data),
    )


def page_languages(profile: Profile) -> list[PageLanguage]:
    """The profile's languages in switcher order."""
    fallbacks = profile.languages.fallbacks
    return [describe_language(code, fallbacks.get(code)) for code in profile.languages.supported]


def find_language(profile: Profile, code: str | None) -> PageLanguage | None:
    """The profile language matching ``code`` (exact, then by primary subtag), if any."""
    if not code:
        return None
    wanted = code.strip().lower().replace("_", "-")
    languages = page_languages(profile)
    for language in languages:
        if language.django_code == wanted:
            return language
    primary = wanted.split("-")[0]
    for language in languages:
        if language.django_code.split("-")[0] == primary:
            return language
    return None


def default_language(profile: Profile) -> PageLanguage:
    """The language shown to a visitor who has not chosen one."""
    found = find_language(profile, profile.languages.default)
    return found or page_languages(profile)[0]
