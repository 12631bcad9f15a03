"""Translations for printed certificates, without Django.

Certificate labels are written in English inside ``_()`` so that ``pybabel extract`` collects
them into the project's ``django`` catalogs; they are translated at render time, once per
language block, from ``<locale dir>/<lang>/LC_MESSAGES/django.mo`` through Python's ``gettext``
(the same compiled catalogs Django reads). A language without a catalog prints English.

Also here: text direction from CLDR, and the ``isolate`` filter that keeps a Latin code or an
untranslated English label in its own direction inside a right-to-left block.
"""

from __future__ import annotations

import gettext
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

# Re-exported for the PDF and slip renderers: CLDR lookups live in vaxkit.profiles.languages.
from vaxkit.profiles.languages import cldr_locale as babel_locale  # noqa: F401
from vaxkit.profiles.languages import text_direction as text_direction

DOMAIN = "django"
DEFAULT_LOCALE_DIRS: tuple[Path, ...] = (Path(__file__).resolve().parents[2] / "locales",)
"""The toolkit's own catalogs (``locales/`` at the top of the repository)."""


def _(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, per language (:func:`translation`).

    Certificates print several languages at once, so the active-language ``gettext`` of a web
    request does not fit: the marker keeps the English text and each block translates it.
    """
    return message


def to_locale(language: str) -> str:
    """BCP 47 tag to gettext locale name, as Django does: ``es-pe`` -> ``es_PE``."""
    parts = language.replace("_", "-").split("-")
    head, rest = parts[0].lower(), parts[1:]
    out = [head]
    for part in rest:
        out.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part)
    return "_".join(out)


@lru_cache(maxsize=64)
def _translation(language: str, locale_dirs: tuple[Path, ...]) -> gettext.NullTranslations:
    chain: gettext.NullTranslations | None = None
    for directory in locale_dirs:
        found = gettext.translation(
            DOMAIN, localedir=directory, languages=[to_locale(language)], fallback=True
        )
        if type(found) is gettext.NullTranslations:
            continue  # no catalog in this directory
        if chain is None:
            chain = found
        else:
            chain.add_fallback(found)
    return chain or gettext.NullTranslations()


def translation(language: str, locale_dirs: Sequence[str | Path] = ()) -> gettext.NullTranslations:
    """Catalog for ``language``: ``locale_dirs`` first (a deployment's own), then the toolkit's.

    Missing catalogs and missing entries fall back to the English text.
    """
    dirs = tuple(Path(d) for d in locale_dirs) + DEFAULT_LOCALE_DIRS
    return _translation(language, dirs)


def clear_cache() -> None:
    """Forget loaded catalogs (after compiling new ``.mo`` files in a running process)."""
    _translation.cache_clear()


def text_direction_of(text: str) -> str | None:
    """Direction of the first strong character (what HTML's ``dir="auto"`` does), if any."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in {"R", "AL"}:
            return "rtl"
    return None


def isolate(text: object, context: str | None = None) -> Markup:
    """Jinja filter: give ``text`` its own direction when it differs from ``context``'s.

    WeasyPrint honours ``dir`` on inline elements but not ``<bdi>`` or ``dir="auto"``; without
    this, an English label or a Latin code inside an Arabic block is reordered ("of 2 2").
    Text that already runs in the context's direction is left alone (fewer boxes to lay out).
    """
    value = str(text)
    direction = text_direction_of(value)
    if direction is None or direction == context:
        return escape(value)
    return Markup(f'<span dir="{direction}">{escape(value)}</span>')  # noqa: S704 - escaped
