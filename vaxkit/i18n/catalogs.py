"""Extract, update, compile and measure the translation catalogs in ``locales/`` with Babel.

GNU gettext is not needed: Babel reads and writes the ``.po`` files and compiles the ``.mo`` files
Django loads. Django templates are extracted through Django's own ``templatize``.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

import vaxkit
from vaxkit.certificates.i18n import to_locale

ROOT = Path(vaxkit.__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
DOMAIN = "django"
SOURCE_LANGUAGE = "en"
KEYWORDS: dict[str, Any] = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
# Messages whose source lies under these paths make up the citizen pages, which must be complete:
# the citizen templates and views, and the layout every citizen page is drawn in.
CITIZEN_PATHS = (
    "vaxkit/platform/web/templates/citizen",
    "vaxkit/platform/web/citizen",
    "vaxkit/platform/web/templates/layout",
)


def extract_django_template(
    fileobj: Any, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel extractor for Django templates (registered in the method map below)."""
    from django.utils.translation.template import templatize

    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    code = templatize(source)
    yield from extract_python(io.BytesIO(code.encode("utf-8")), keywords, comment_tags, options)


METHOD_MAP = [
    ("vaxkit/**/templates/**.html", "vaxkit.i18n.catalogs:extract_django_template"),
    ("vaxkit/**/templates/**.txt", "vaxkit.i18n.catalogs:extract_django_template"),
    ("vaxkit/**.py", "python"),
]


def extract() -> Catalog:
    """A template catalog of every translatable string in the package."""
    _configure_django()
    catalog = Catalog(project="vaxkit", version=vaxkit.__version__, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        method_map=METHOD_MAP,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        if filename.startswith(("tests", "template", "examples", ".venv")):
            continue
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _configure_django() -> None:
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True)


def shipped_languages(profiles: Path | None = None) -> list[str]:
    """Every language of every profile in ``country_profiles/`` (English first, then sorted).

    Profiles that do not load are skipped here: ``vaxkit profile validate`` reports them.
    """
    from vaxkit.profiles.issues import ProfileError
    from vaxkit.profiles.loader import load_profile

    found: set[str] = set()
    for path in sorted((profiles or ROOT / "country_profiles").glob("*.yaml")):
        try:
            found.update(load_profile(path).languages.supported)
        except ProfileError:
            continue
    return sorted(found, key=lambda code: (code != "en", code))


def catalog_path(language: str) -> Path:
    """Path of the ``.po`` file for ``language`` (BCP 47 tag, stored in Django's form)."""
    return LOCALES / to_locale(language) / "LC_MESSAGES" / f"{DOMAIN}.po"


def update(languages: list[str]) -> list[Path]:
    """Bring each language's catalog in line with the source, keeping existing translations."""
    source = extract()
    written = []
    for language in languages:
        # Catalog.update() adopts the template's message objects: each language gets its own
        template = copy.deepcopy(source)
        path = catalog_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=_babel_locale(language))
            catalog.update(template, no_fuzzy_matching=True)
        else:
            catalog = Catalog(locale=_babel_locale(language), project="vaxkit", charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
        if language == SOURCE_LANGUAGE:
            _copy_source(catalog)
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, ignore_obsolete=True)
        written.append(path)
    return written


def _copy_source(catalog: Catalog) -> None:
    """The source language's catalog says each message as written in the code."""
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            if not message.string or not all(message.string):
                forms = catalog.num_plurals
                message.string = tuple([message.id[0], *[message.id[1]] * (forms - 1)])
        elif not message.string:
            message.string = message.id


def _babel_locale(language: str) -> str | None:
    from vaxkit.profiles.languages import known_locale

    return to_locale(language) if known_locale(language) else None


def compile_catalogs() -> list[Path]:
    """Compile every ``locales/*/LC_MESSAGES/django.po`` into its ``.mo`` (skips fresh ones)."""
    written = []
    for po in sorted(LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh)
        with mo.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo)
    return written


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a language's catalog is translated."""

    language: str
    total: int
    translated: int
    citizen_total: int
    citizen_translated: int

    @property
    def percent(self) -> float:
        """Share of all messages translated."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    @property
    def citizen_percent(self) -> float:
        """Share of the citizen pages' messages translated."""
        return 100.0 * self.citizen_translated / self.citizen_total if self.citizen_total else 100.0


def coverage(language: str, template: Catalog | None = None) -> Coverage:
    """Coverage of ``language`` against the current source strings."""
    template = template or extract()
    path = catalog_path(language)
    translations: dict[tuple[str, str | None], bool] = {}
    if path.exists():
        with path.open("rb") as fh:
            for message in read_po(fh):
                if message.id:
                    done = bool(message.string) and not message.fuzzy
                    if isinstance(message.string, tuple | list):
                        done = all(message.string) and not message.fuzzy
                    translations[(_key(message.id), message.context)] = done
    total = translated = c_total = c_translated = 0
    for message in template:
        if not message.id:
            continue
        done = translations.get((_key(message.id), message.context), False)
        total += 1
        translated += done
        if any(loc[0].startswith(CITIZEN_PATHS) for loc in message.locations):
            c_total += 1
            c_translated += done
    return Coverage(language, total, translated, c_total, c_translated)


def _key(message_id: Any) -> str:
    return message_id[0] if isinstance(message_id, tuple | list) else message_id
