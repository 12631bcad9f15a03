"""RFC 8785 JSON Canonicalization Scheme: the bytes a VDS-NC signature covers.

Keys sorted by UTF-16 code units, no whitespace, strings escaped minimally, numbers in the
ECMAScript ``Number.prototype.toString`` form (shortest round-trip digits).
"""

from __future__ import annotations

import json
import math
from typing import Any

from vaxkit.certificates.errors import CertificateError

_MAX_SAFE_INT = 2**53


def canonicalize(value: Any) -> bytes:
    """Canonical UTF-8 JSON of ``value`` (dicts, lists, str, int, float, bool, None)."""
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts).encode("utf-8")


def _write(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, int):
        out.append(str(value) if abs(value) < _MAX_SAFE_INT else _number(float(value)))
    elif isinstance(value, float):
        out.append(_number(value))
    elif isinstance(value, dict):
        out.append("{")
        for index, key in enumerate(sorted(value, key=_utf16_key)):
            if not isinstance(key, str):
                raise CertificateError("bad_json", f"JSON object keys must be strings, not {key!r}")
            if index:
                out.append(",")
            out.append(json.dumps(key, ensure_ascii=False))
            out.append(":")
            _write(value[key], out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _write(item, out)
        out.append("]")
    else:
        raise CertificateError("bad_json", f"cannot canonicalize a {type(value).__name__}")


def _utf16_key(key: Any) -> bytes:
    return key.encode("utf-16-be") if isinstance(key, str) else b""


def _number(value: float) -> str:
    if math.isnan(value) or math.isinf(value):
        raise CertificateError("bad_json", "NaN and Infinity are not JSON numbers")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    if fraction == "0":
        fraction = ""
    digits = (whole + fraction).lstrip("0")
    # value = 0.<digits> * 10**n  (ECMAScript's k digits and exponent n)
    n = len(whole.lstrip("0")) if whole.strip("0") else -(len(fraction) - len(fraction.lstrip("0")))
    n += int(exponent or 0)
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = f"{digits[:n]}.{digits[n:]}"
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        e = n - 1
        head = digits if k == 1 else f"{digits[0]}.{digits[1:]}"
        text = f"{head}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + text
