"""The fast Base45 codec against the reference ``base45`` package and RFC 9285."""

from __future__ import annotations

import base45 as reference
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaxkit.certificates.base45 import ALPHABET, b45decode, b45encode
from vaxkit.certificates.errors import CertificateError


def test_reciprocal_constants_are_exact_over_their_ranges() -> None:
    # the lane arithmetic divides by 45 with multiply-and-shift; exact only in these ranges
    assert all((n * 11651) >> 19 == n // 45 for n in range(65536))
    assert all((q * 1457) >> 16 == q // 45 for q in range(1457))


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"AB", "BB8"),
        (b"Hello!!", "%69 VD92EX0"),
        (b"base-45", "UJCLQE7W581"),
        (b"ietf!", "QED8WEX0"),
        (b"", ""),
    ],
)
def test_rfc9285_examples(raw: bytes, text: str) -> None:
    assert b45encode(raw) == text
    assert b45decode(text) == raw


@given(st.binary(max_size=700))
def test_agrees_with_reference_package(data: bytes) -> None:
    text = b45encode(data)
    assert text == reference.b45encode(data).decode("ascii")
    assert b45decode(text) == data
    assert b45decode(text.encode("ascii")) == data


def test_every_pair_value_round_trips() -> None:
    data = b"".join(v.to_bytes(2, "big") for v in range(65536))
    assert b45decode(b45encode(data)) == data
    assert b45encode(data) == reference.b45encode(data).decode("ascii")


@given(st.text(alphabet=ALPHABET.decode() + "a#~é", max_size=40))
def test_decode_accepts_exactly_what_the_reference_accepts(text: str) -> None:
    try:
        expected: bytes | None = reference.b45decode(text)
    except (ValueError, KeyError, UnicodeEncodeError):
        expected = None
    try:
        actual: bytes | None = b45decode(text)
    except CertificateError as exc:
        assert exc.code == "bad_base45"
        actual = None
    assert actual == expected


@pytest.mark.parametrize("text", ["A", "GGW", "ZZZZ", "abc", "AB#", "ÄÄ"])
def test_invalid_text_is_rejected_with_a_code(text: str) -> None:
    with pytest.raises(CertificateError) as info:
        b45decode(text)
    assert info.value.code == "bad_base45"
