"""Check-digit algorithms that python-stdnum does not provide."""

from __future__ import annotations

ICAO_WEIGHTS = (7, 3, 1)


def icao_check_digit(digits: str) -> str:
    """ICAO Doc 9303 Part 3, 4.9: weights 7, 3, 1 repeated, sum modulo 10 (digits only here)."""
    total = sum(int(ch) * ICAO_WEIGHTS[i % 3] for i, ch in enumerate(digits))
    return str(total % 10)
