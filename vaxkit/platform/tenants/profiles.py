"""Parsing a tenant's stored profile text once per process (DESIGN.md house rule 1)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import yaml

from vaxkit.profiles.loader import load_profile_detailed
from vaxkit.profiles.schema import Profile

_cache: dict[str, Profile] = {}
_lock = threading.Lock()


def text_digest(text: str) -> str:
    """SHA-256 of the profile text, the cache key and change marker."""
    return hashlib.sha256(text.encode()).hexdigest()


def parsed_profile(text: str, digest: str, code: str) -> Profile:
    """The profile for ``text`` (validated once; later calls are a dict lookup).

    The text passed the full loader (schema and cross-field checks, which need the profile's
    folder for its logo) when it was stored by provisioning or a reload; here it is only parsed
    into the typed model again, e.g. in a freshly started worker.
    """
    profile = _cache.get(digest)
    if profile is None:
        profile = Profile.model_validate(yaml.safe_load(text))
        with _lock:
            _cache[digest] = profile
    return profile


def read_profile_file(path: str | Path) -> tuple[Profile, str]:
    """Load and validate a profile file; return it with self-contained text to store.

    A profile that ``extends:`` another is stored merged, so the tenant never depends on files
    that may move; otherwise the text is kept exactly as written (comments included).
    Raises :class:`vaxkit.profiles.issues.ProfileError`.
    """
    loaded = load_profile_detailed(path)
    text = Path(path).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    if isinstance(raw, dict) and "extends" in raw:
        text = yaml.safe_dump(loaded.data, allow_unicode=True, sort_keys=False)
    with _lock:
        _cache[text_digest(text)] = loaded.profile
    return loaded.profile, text
