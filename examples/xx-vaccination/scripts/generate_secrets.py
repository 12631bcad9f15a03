#!/usr/bin/env python3
"""Write .env with fresh secrets, keeping any that are set already (standard library only).

Run once per environment. A secret that exists is never replaced: losing VAXKIT_FIELD_KEY makes
every stored ID and phone number unreadable. See docs/keys.md for rotation.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATED = {
    "VAXKIT_SECRET_KEY": lambda: secrets.token_urlsafe(50),
    "VAXKIT_FIELD_KEY": lambda: secrets.token_hex(32),
    "VAXKIT_LOOKUP_KEY": lambda: secrets.token_hex(32),
    "VAXKIT_KEY_PASSPHRASE": lambda: secrets.token_urlsafe(32),
    "POSTGRES_PASSWORD": lambda: secrets.token_urlsafe(24),
}


def fill(template: str, existing: dict[str, str]) -> tuple[str, list[str]]:
    """``template`` (.env.example) with empty secrets filled in; returns the text and the names."""
    lines, made = [], []
    for line in template.splitlines():
        name, sep, value = line.partition("=")
        name = name.strip()
        if sep and not line.lstrip().startswith("#"):
            value = existing.get(name, value)
            if not value and name in GENERATED:
                value = GENERATED[name]()
                made.append(name)
            line = f"{name}={value}"
        lines.append(line)
    return "\n".join(lines) + "\n", made


def read_env(path: Path) -> dict[str, str]:
    values = {}
    if path.exists():
        for line in path.read_text().splitlines():
            name, sep, value = line.partition("=")
            if sep and not line.lstrip().startswith("#"):
                values[name.strip()] = value.strip()
    return values


def main() -> int:
    target = ROOT / (sys.argv[1] if len(sys.argv) > 1 else ".env")
    text, made = fill((ROOT / ".env.example").read_text(), read_env(target))
    target.write_text(text)
    target.chmod(0o600)
    print(f"{target.name}: generated {', '.join(made) or 'nothing (all set already)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
