"""What CLDR (through Babel) says about a profile's languages: known or not, direction, name.

The one place these are looked up, so that the validator, the summary, the preview, PDFs and
slips agree. A language CLDR lacks (Aymara) borrows its ``languages.fallbacks`` entry, then
English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from babel import Locale, UnknownLocaleError


def _parse(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def known_locale(code: str) -> bool:
    """Whether CLDR has locale data for a BCP 47 tag."""
    return _parse(code) is not None


def cldr_locale(code: str, fallbacks: Mapping[str, str] | None = None) -> Locale:
    """CLDR data for ``code``: its own, else its profile fallback's, else English's."""
    for candidate in (code, (fallbacks or {}).get(code), "en"):
        found = _parse(candidate) if candidate else None
        if found is not None:
            return found
    raise AssertionError("CLDR always has English")  # pragma: no cover


def text_direction(code: str, fallbacks: Mapping[str, str] | None = None) -> Literal["ltr", "rtl"]:
    """``ltr`` or ``rtl`` for a language, from CLDR's character order (never typed by hand)."""
    return "rtl" if cldr_locale(code, fallbacks).character_order == "right-to-left" else "ltr"


def language_name(code: str) -> str:
    """The language's own name (endonym) from CLDR, or the code when CLDR lacks it."""
    locale = _parse(code)
    return (locale.get_display_name(locale) or code) if locale else code
