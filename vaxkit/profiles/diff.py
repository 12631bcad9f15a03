"""Compare two profiles field by field, naming list items by their code rather than position."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vaxkit.profiles.schema import Profile

_ID_KEYS = ("code", "key", "after_dose")


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: ``kind`` is ``added``, ``removed`` or ``changed``."""

    path: str
    kind: str
    before: Any = None
    after: Any = None

    def format(self) -> str:
        """One line for a terminal or a review comment."""
        if self.kind == "added":
            return f"+ {self.path}: {_short(self.after)}"
        if self.kind == "removed":
            return f"- {self.path}: {_short(self.before)}"
        return f"~ {self.path}: {_short(self.before)} -> {_short(self.after)}"


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 70 else text[:67] + "..."


def _key_of(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in _ID_KEYS:
            if key in item:
                return f"{key}={item[key]}"
    return None


def diff_profiles(a: Profile, b: Profile) -> list[Change]:
    """Every difference between ``a`` and ``b`` (their validated, defaults-filled forms)."""
    changes: list[Change] = []
    _diff(a.model_dump(mode="json"), b.model_dump(mode="json"), "", changes)
    return changes


def _diff(a: Any, b: Any, path: str, out: list[Change]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in b:
                out.append(Change(sub, "removed", before=a[key]))
            elif key not in a:
                out.append(Change(sub, "added", after=b[key]))
            else:
                _diff(a[key], b[key], sub, out)
        return
    if isinstance(a, list) and isinstance(b, list):
        keys_a = [_key_of(x) for x in a]
        keys_b = [_key_of(x) for x in b]
        if all(keys_a) and all(keys_b):
            index_b = dict(zip(keys_b, b, strict=True))
            for key, item in zip(keys_a, a, strict=True):
                sub = f"{path}[{key}]"
                if key in index_b:
                    _diff(item, index_b[key], sub, out)
                else:
                    out.append(Change(sub, "removed", before=item))
            for key, item in zip(keys_b, b, strict=True):
                if key not in keys_a:
                    out.append(Change(f"{path}[{key}]", "added", after=item))
            return
        if a != b:
            out.append(Change(path, "changed", before=a, after=b))
        return
    if a != b:
        out.append(Change(path, "changed", before=a, after=b))
