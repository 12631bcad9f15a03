"""The bundled Noto typefaces: which one draws which script, and the ``@font-face`` rules.

Certificates never rely on system fonts: a server with only DejaVu draws Devanagari as empty
boxes. Each script gets a static (not variable) Noto face shipped in ``fonts/`` (OFL-1.1, see
``fonts/SOURCES.md``); Latin, Vietnamese, Greek and Cyrillic share Noto Sans. The web pages load
the same files through :func:`font_face_css` with their own URL builder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

WEIGHTS = {400: "Regular", 700: "Bold"}


@dataclass(frozen=True, slots=True)
class Typeface:
    """One bundled font family (a Regular and a Bold static TTF)."""

    family: str
    """CSS family name, as in the font's own name table (``Noto Sans Devanagari``)."""
    stem: str
    """File name stem: ``<stem>-Regular.ttf`` and ``<stem>-Bold.ttf`` in ``fonts/``."""
    scripts: tuple[str, ...]
    """ISO 15924 codes of the scripts this face is used for."""

    def path(self, weight: int = 400) -> Path:
        """The TTF file for ``weight`` (400 or 700)."""
        return FONTS_DIR / f"{self.stem}-{WEIGHTS[weight]}.ttf"


LATIN = Typeface("Noto Sans", "NotoSans", ("Latn", "Cyrl", "Grek"))
TYPEFACES: tuple[Typeface, ...] = (
    LATIN,
    # Naskh rather than Noto Sans Arabic: the conventional text style for Arabic, and it covers
    # the Persian and Urdu letters too.
    Typeface("Noto Naskh Arabic", "NotoNaskhArabic", ("Arab",)),
    Typeface("Noto Sans Devanagari", "NotoSansDevanagari", ("Deva",)),
    Typeface("Noto Sans Bengali", "NotoSansBengali", ("Beng",)),
    Typeface("Noto Sans Tamil", "NotoSansTamil", ("Taml",)),
    Typeface("Noto Sans Telugu", "NotoSansTelugu", ("Telu",)),
    Typeface("Noto Sans Kannada", "NotoSansKannada", ("Knda",)),
    Typeface("Noto Sans Malayalam", "NotoSansMalayalam", ("Mlym",)),
    Typeface("Noto Sans Gujarati", "NotoSansGujarati", ("Gujr",)),
    Typeface("Noto Sans Gurmukhi", "NotoSansGurmukhi", ("Guru",)),
    Typeface("Noto Sans Oriya", "NotoSansOriya", ("Orya",)),
)
_BY_SCRIPT = {script: face for face in TYPEFACES for script in face.scripts}


class UnsupportedLanguageError(ValueError):
    """A language whose script no bundled typeface draws (or that CLDR does not know)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _subtags(language: str) -> list[str]:
    return [part for part in language.replace("_", "-").split("-") if part]


def language_script(language: str, fallbacks: Mapping[str, str] | None = None) -> str:
    """The ISO 15924 script a BCP 47 language tag is written in (``hi`` -> ``Deva``).

    An explicit script subtag wins (``pa-Arab``); otherwise CLDR's likely subtags decide. For a
    language CLDR does not know, the profile's ``languages.fallbacks`` entry is used.
    """
    parts = _subtags(language)
    if not parts:
        raise UnsupportedLanguageError("invalid_language", f"Empty language tag {language!r}.")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    likely = get_global("likely_subtags")
    base = parts[0].lower()
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    for key in ([f"{base}_{region}"] if region else []) + [base]:
        expanded = likely.get(key)
        if expanded:
            for part in expanded.split("_")[1:]:
                if len(part) == 4:
                    return part
    fallback = (fallbacks or {}).get(language) or (fallbacks or {}).get(base)
    if fallback and fallback != language:
        return language_script(fallback)
    raise UnsupportedLanguageError(
        "unknown_language",
        f"CLDR has no data for language {language!r}: add it to the profile's "
        "languages.fallbacks (e.g. `ay: es`).",
    )


def typeface_for(language: str, fallbacks: Mapping[str, str] | None = None) -> Typeface:
    """The bundled typeface for ``language``'s script; raises if none draws it."""
    script = language_script(language, fallbacks)
    try:
        return _BY_SCRIPT[script]
    except KeyError:
        supported = ", ".join(sorted(_BY_SCRIPT))
        raise UnsupportedLanguageError(
            "unsupported_script",
            f"No bundled font draws script {script} (language {language!r}); "
            f"supported scripts: {supported}.",
        ) from None


def font_stack(language: str, fallbacks: Mapping[str, str] | None = None) -> list[str]:
    """CSS families for text in ``language``: its script's face first, then every other bundled
    face, so that a name in another script (an Arabic name in the English block) is still
    drawn by a bundled font instead of whatever the system has."""
    face = typeface_for(language, fallbacks)
    return [face.family] + [other.family for other in TYPEFACES if other is not face]


def font_face_css(url_for: Callable[[Path], str] = Path.as_uri) -> str:
    """``@font-face`` rules for every bundled typeface; ``url_for`` turns a file into a URL."""
    rules = []
    for face in TYPEFACES:
        for weight in WEIGHTS:
            rules.append(
                "@font-face {\n"
                f'  font-family: "{face.family}";\n'
                "  font-style: normal;\n"
                f"  font-weight: {weight};\n"
                f'  src: url("{url_for(face.path(weight))}") format("truetype");\n'
                "}"
            )
    return "\n".join(rules) + "\n"
