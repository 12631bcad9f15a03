"""Reading configuration from the environment, with errors that say what to set."""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 32


def env_str(name: str, default: str = "") -> str:
    """The variable's value, stripped, or ``default`` when unset or empty."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool = False) -> bool:
    """``1/true/yes/on`` (any case) is true, ``0/false/no/off`` false; anything else is an error."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (got '{value}').")


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list."""
    value = env_str(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def decode_key(name: str, value: str) -> bytes:
    """A 32-byte key given as 64 hex digits or as (URL-safe) base64."""
    raw: bytes | None = None
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        except (binascii.Error, ValueError):
            raw = None
    if raw is None or len(raw) != KEY_BYTES:
        raise ImproperlyConfigured(
            f"{name} must be a {KEY_BYTES}-byte key as 64 hex digits or base64; generate one "
            'with: python -c "import secrets; print(secrets.token_hex(32))"'
        )
    return raw


def env_key(name: str) -> bytes | None:
    """The key in ``name``, or None when unset."""
    value = env_str(name)
    return decode_key(name, value) if value else None


def local_keys(data_dir: Path) -> dict[str, str]:
    """Keys for a development or demo installation, generated once into ``data_dir/keys.json``.

    Keeping them on disk means encrypted fields stay readable across restarts; production
    deployments set the variables instead (and must keep them safe: losing the field key loses
    every encrypted ID and phone number).
    """
    path = data_dir / "keys.json"
    if path.exists():
        return json.loads(path.read_text())
    data_dir.mkdir(parents=True, exist_ok=True)
    keys = {
        "secret_key": secrets.token_urlsafe(50),
        "field_key": secrets.token_hex(KEY_BYTES),
        "lookup_key": secrets.token_hex(KEY_BYTES),
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(keys))
    tmp.chmod(0o600)
    # another process may have won the race: keep the first file written
    with contextlib.suppress(FileExistsError):
        os.link(tmp, path)
    tmp.unlink(missing_ok=True)
    return json.loads(path.read_text())
