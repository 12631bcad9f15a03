"""Masking identity numbers for display: pages, API answers, PDFs, SMS and logs.

Two kinds of spec, as in ``IdDocument.mask``:

* ``keep_last:N`` - every character but the last N becomes ``X``;
* a template such as ``XXXX-XXXX-####`` - ``X`` hides a character, ``#`` shows one, anything else
  is printed as it is. Templates are filled from the right, so one template serves numbers of
  varying length: extra leading characters are hidden, and the template's unused left part is
  dropped.

Whatever the spec, at most half of the characters (rounded down) are ever shown: a spec written
for 12-digit numbers must not reveal a 4-character one entirely.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vaxkit.identity.errors import MaskSpecError

HIDDEN = "X"
_KEEP_LAST = re.compile(r"keep_last:(\d{1,2})")
_TEMPLATE = re.compile(r"[X#\- ./]+")


@dataclass(frozen=True, slots=True)
class MaskSpec:
    """A parsed spec: either ``keep_last`` or a ``template``."""

    keep_last: int | None = None
    template: str | None = None

    @property
    def shown(self) -> int:
        """The most characters this spec reveals (before the half-length cap)."""
        if self.keep_last is not None:
            return self.keep_last
        return (self.template or "").count("#")


@functools.lru_cache(maxsize=128)
def parse_mask_spec(spec: str) -> MaskSpec:
    """Parse ``keep_last:N`` or a template; raise :class:`MaskSpecError` (``mask.spec``)."""
    match = _KEEP_LAST.fullmatch(spec)
    if match:
        return MaskSpec(keep_last=int(match.group(1)))
    if _TEMPLATE.fullmatch(spec) and (HIDDEN in spec or "#" in spec):
        return MaskSpec(template=spec)
    raise MaskSpecError(
        "mask.spec",
        f"'{spec}' is not a mask: use keep_last:N or a template of X (hidden), # (shown) and "
        "separators (- . / space).",
        hint="For example keep_last:4 or XXXX-XXXX-####.",
    )


def mask(value: str, spec: str = "keep_last:4") -> str:
    """``value`` with all but the characters the spec shows replaced by ``X``."""
    parsed = parse_mask_spec(spec)
    if parsed.keep_last is not None:
        shown = _cap(len(value), parsed.keep_last)
        return HIDDEN * (len(value) - shown) + (value[len(value) - shown :] if shown else "")
    return _fill_template(value, parsed.template or "")


def _cap(length: int, wanted: int) -> int:
    return min(wanted, length // 2)


def _fill_template(value: str, template: str) -> str:
    # Walk template and value from the right; slots (X or #) consume characters.
    slots: list[tuple[int, str]] = []  # (template index, slot char) for each consumed character
    out: list[str] = []
    remaining = len(value)
    for index in range(len(template) - 1, -1, -1):
        if remaining == 0:
            break
        ch = template[index]
        if ch in "X#":
            remaining -= 1
            slots.append((len(out), ch))
            out.append(value[remaining])
        else:
            out.append(ch)
    # Characters left over on the left: hidden.
    out.extend(HIDDEN * remaining)
    # Decide which slots show, capped at half the value's length (leftmost shown ones go first).
    shown_positions = [pos for pos, ch in slots if ch == "#"]
    allowed = _cap(len(value), len(shown_positions))
    keep = set(shown_positions[:allowed])  # slots were collected right to left
    for pos, _ch in slots:
        if pos not in keep:
            out[pos] = HIDDEN
    return "".join(reversed(out)).strip(" -./")
