"""verify(): format detection, one verdict per failure, never an exception on bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from cert_helpers import ISSUER_URL, NOW
from hypothesis import given, settings
from hypothesis import strategies as st

from vaxkit.certificates import FORMATS, encode, verify
from vaxkit.certificates.issue import SIGNER_PURPOSE
from vaxkit.certificates.verdict import REASONS
from vaxkit.certificates.verification import detect_format


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips(fmt, ring, trust, make_record) -> None:
    signer = ring.active(SIGNER_PURPOSE[fmt]).signer()
    payload = encode(make_record(), fmt, signer, issuer_url=ISSUER_URL)
    assert detect_format(payload) == fmt
    verdict = verify(payload, trust, NOW)
    assert verdict.valid and verdict.format == fmt, verdict.message
    assert verdict.content["date_of_birth"] == "1990-04-12"
    assert verify(payload, trust, NOW + dt.timedelta(days=800)).reason == "expired"
    assert verdict.as_dict()["content"]


@given(
    st.one_of(
        st.text(max_size=300),
        st.binary(max_size=300),
        st.text(max_size=200).map(lambda s: "HC1:" + s),
        st.text(max_size=200).map(lambda s: "shc:/" + s),
        st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=200).map(lambda s: '{"data":' + s),
    )
)
@settings(max_examples=300, deadline=None)
def test_garbage_never_raises(payload) -> None:
    verdict = verify(payload, {"keys": []}, NOW)
    assert not verdict.valid
    assert verdict.reason in REASONS


@pytest.mark.parametrize(
    ("payload", "fmt"),
    [
        ("HC1:ABC", "eu_dcc"),
        ("HL0:ABC", "eu_dcc"),
        ("shc:/5676", "shc"),
        ("eyJ.eyJ.sig", "shc"),
        ('{"verifiableCredential": []}', "shc"),
        ('{"data": {}, "sig": {}}', "icao_vds"),
        ('{"@context": []}', "w3c_vc"),
        (b"PK\x03\x04", "w3c_vc"),
        ("hello", None),
        ("", None),
    ],
)
def test_detection(payload, fmt) -> None:
    assert detect_format(payload) == fmt


def test_naive_time_is_utc(ring, trust, make_record) -> None:
    payload = encode(make_record(), "eu_dcc", ring.active("dsc").signer())
    assert verify(payload, trust, NOW.replace(tzinfo=None)).valid
