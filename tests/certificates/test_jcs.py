"""RFC 8785 JSON canonicalization."""

from __future__ import annotations

import json
import math

import pytest

from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.jcs import canonicalize


@pytest.mark.parametrize(
    ("number", "text"),
    [  # RFC 8785 appendix B
        (0.0, "0"),
        (-0.0, "0"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (9007199254740992.0, "9007199254740992"),
        (9007199254740994.0, "9007199254740994"),
        (295147905179352830000.0, "295147905179352830000"),
        (1e21, "1e+21"),
        (1e-7, "1e-7"),
        (0.000001, "0.000001"),
        (333333333.3333333, "333333333.3333333"),
        (4.5, "4.5"),
        (2e-3, "0.002"),
        (1e23, "1e+23"),
        (-1.5, "-1.5"),
        (100, "100"),
        (2**60, "1152921504606847000"),
    ],
)
def test_numbers(number: float, text: str) -> None:
    assert canonicalize(number) == text.encode()


def test_keys_sort_by_utf16_code_units_and_strings_escape_minimally() -> None:
    value = {"\u20ac": 1, "\r": 2, "\U0001f600": 3, "\ufb33": 4, "1": 5, "b": [True, None, 'x\n"é']}
    assert canonicalize(value) == (
        '{"\\r":2,"1":5,"b":[true,null,"x\\n\\"\u00e9"],"\u20ac":1,"\U0001f600":3,"\ufb33":4}'.encode()
    )


def test_ascii_documents_match_sorted_compact_json() -> None:
    document = {
        "msg": {"uvci": "U1", "ve": [{"vd": [{"seq": 2, "dvc": "2021-01-01"}]}]},
        "hdr": {"v": 1},
    }
    assert (
        canonicalize(document)
        == json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    )


@pytest.mark.parametrize("bad", [math.nan, math.inf, {1: "x"}, object()])
def test_rejects_what_json_cannot_hold(bad: object) -> None:
    with pytest.raises(CertificateError):
        canonicalize(bad)
