"""What this deployment adds to every settings layer: `overrides/` first, its language, its CSP.

Files in overrides/ win over vaxkit's own: templates (overrides/templates), certificate layouts
(overrides/certificates), translations (overrides/locale) and static files (overrides/static).
Keep country-specific settings here; vaxkit's layers stay untouched so upgrades merge cleanly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parents[2]
OVERRIDES_DIR = PROJECT_DIR / "overrides"

# Everything from this site; no inline scripts. Inline styles are allowed because vaxkit's pages
# set the profile's brand colours inline. Widen it here if a country adds an external resource
# (a map tile server, an analytics host).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def _first(path: Path, paths: list[Any]) -> list[Any]:
    return [path, *(p for p in paths if Path(p) != path)]


def apply(settings: dict[str, Any]) -> None:
    """Add this deployment's settings to a layer's namespace (its ``globals()``)."""
    engine, *others = settings["TEMPLATES"]
    settings["TEMPLATES"] = [
        {**engine, "DIRS": _first(OVERRIDES_DIR / "templates", list(engine.get("DIRS", [])))},
        *others,
    ]
    settings["LOCALE_PATHS"] = _first(OVERRIDES_DIR / "locale", list(settings["LOCALE_PATHS"]))
    settings["STATICFILES_DIRS"] = _first(
        OVERRIDES_DIR / "static", list(settings.get("STATICFILES_DIRS", []))
    )
    settings["VAXKIT_CERTIFICATE_TEMPLATE_DIRS"] = _first(
        OVERRIDES_DIR / "certificates", list(settings.get("VAXKIT_CERTIFICATE_TEMPLATE_DIRS", []))
    )
    settings["LANGUAGE_CODE"] = "en"
    settings["WSGI_APPLICATION"] = "config.wsgi.application"
    settings["CONTENT_SECURITY_POLICY"] = CONTENT_SECURITY_POLICY
    middleware = [m for m in settings["MIDDLEWARE"] if m != "config.middleware.SecurityHeaders"]
    after = middleware.index("django.middleware.security.SecurityMiddleware") + 1
    settings["MIDDLEWARE"] = [
        *middleware[:after],
        "config.middleware.SecurityHeaders",
        *middleware[after:],
    ]
