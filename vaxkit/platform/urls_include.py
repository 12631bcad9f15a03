"""URL patterns of the parts built on the core, included when present in this build."""

from __future__ import annotations

import importlib.util

from django.urls import URLPattern, URLResolver, include, path


def optional(module: str, prefix: str = "") -> list[URLPattern | URLResolver]:
    """``include(module)`` at ``prefix`` if the module exists, else nothing."""
    try:
        found = importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        found = False
    return [path(prefix, include(module))] if found else []
