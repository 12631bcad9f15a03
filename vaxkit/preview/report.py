"""``build_preview``: one self-contained HTML page showing what a country profile will do.

The page loads nothing: CSS is inline, charts are inline SVG and every image (logo, QR codes,
the PDF's first page) is a ``data:`` URI, so it can be mailed to a ministry and opened offline.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

import vaxkit
from vaxkit.preview import charts, sections, webfonts
from vaxkit.preview.certificates import build_samples, data_uri
from vaxkit.preview.errors import PreviewError
from vaxkit.profiles.issues import ProfileError
from vaxkit.profiles.languages import text_direction
from vaxkit.profiles.loader import LoadedProfile, load_profile_detailed

TEMPLATES = Path(__file__).parent / "templates"
WEBFONTS_MARKER = "/* web fonts */"
_LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg"}


def catalog_coverage(language: str) -> tuple[float, float] | None:
    """Translation coverage from ``locales/`` (all strings, citizen pages), or ``None``.

    The catalogs are read through ``vaxkit.i18n``, which needs Django's template parser for the
    extraction; without Django the preview still works and says coverage is unknown.
    """
    try:
        template = _template_catalog()
        from vaxkit.i18n.catalogs import coverage
    except ImportError:
        return None
    found = coverage(language, template)
    return found.percent, found.citizen_percent


@lru_cache(maxsize=1)
def _template_catalog() -> Any:
    from vaxkit.i18n.catalogs import extract

    return extract()


def build_preview(
    path: str | Path,
    *,
    now: dt.datetime | None = None,
    coverage: sections.CoverageFn = catalog_coverage,
) -> str:
    """The preview page of the profile at ``path``, as HTML text.

    Raises :class:`PreviewError`: ``preview.profile`` when the profile does not load (the
    message lists its errors with file:line:column), other codes when a sample cannot be made.
    """
    try:
        loaded = load_profile_detailed(path)
    except ProfileError as exc:
        raise PreviewError("preview.profile", exc.format()) from exc
    return render_preview(loaded, now=now, coverage=coverage)


def render_preview(
    loaded: LoadedProfile,
    *,
    now: dt.datetime | None = None,
    coverage: sections.CoverageFn = catalog_coverage,
) -> str:
    """The preview page of an already loaded profile."""
    now = now or dt.datetime.now(dt.UTC)
    profile = loaded.profile
    base = loaded.path.parent if loaded.path else Path.cwd()
    languages = sections.languages(profile, coverage)
    samples = build_samples(profile, base, now=now)
    checks = [
        (s.format, s.valid, "" if s.valid else f": {s.reason} {s.message}") for s in samples.signed
    ]
    if samples.pdf_error:
        checks.append(("pdf", False, f": {samples.pdf_error}"))
    elif samples.pdf:
        checks.append(("pdf", True, f" (its QR code carries {samples.pdf.qr_format})"))
    context = {
        "p": profile,
        "path": str(loaded.path or ""),
        "version": vaxkit.__version__,
        "generated": now.replace(microsecond=0).isoformat(),
        "default_dir": text_direction(profile.languages.default, profile.languages.fallbacks),
        "logo": _logo(base, profile.branding.logo),
        "languages": languages,
        "ids": [sections.id_document(doc, profile) for doc in profile.id_documents],
        "phone": sections.phone(profile),
        "names": sections.names(profile),
        "levels": [profile.text(level.labels, "en") for level in profile.admin_areas.levels],
        "areas": sections.area_tree(profile),
        "timeline": Markup(charts.timeline_svg(profile, now.date())),  # noqa: S704 - built escaped
        "cohort_label": lambda c: charts.cohort_label(profile, c),
        "schedules": [
            (v, Markup(charts.schedule_svg(v)))  # noqa: S704 - built with escaped text
            for v in profile.vaccines
        ],
        "samples": samples,
        "data_uri": data_uri,
        "trust_json": json.dumps(samples.trust, indent=2, ensure_ascii=False),
        "limits": sections.limits(profile),
        "readiness": sections.readiness(profile, loaded.warnings, languages, checks),
    }
    html = _environment().get_template("preview.html").render(**context)
    # Fonts last: they are cut down to the characters the finished page contains.
    return html.replace(WEBFONTS_MARKER, webfonts.font_faces_css(html), 1)


def _logo(base: Path, logo: str | None) -> str | None:
    if not logo:
        return None
    path = base / logo
    media_type = _LOGO_TYPES.get(path.suffix.lower())
    if media_type is None or not path.is_file():
        return None  # the profile checks report a missing or unsupported logo
    return data_uri(media_type, path.read_bytes())


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["font_families"] = Markup(", ".join(f'"{f}"' for f in webfonts.families()))  # noqa: S704
    env.globals["inline_css"] = Markup((TEMPLATES / "preview.css").read_text("utf-8"))  # noqa: S704
    return env
