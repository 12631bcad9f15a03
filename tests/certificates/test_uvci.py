"""UVCI check characters (Luhn mod N over A-Z0-9/:)."""

from __future__ import annotations

import pytest

from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.uvci import check_character, is_valid, new_uvci, with_checksum


def test_eu_schema_faq_example() -> None:
    assert with_checksum("URN:UVCI:01:NL:187/37512422923") == "URN:UVCI:01:NL:187/37512422923#Z"
    assert is_valid("URN:UVCI:01:NL:187/37512422923#Z", require_checksum=True)


def test_generated_ids_are_valid_and_unique() -> None:
    ids = {new_uvci("VN", "MOH") for _ in range(200)}
    assert len(ids) == 200
    assert all(
        is_valid(i, require_checksum=True) and i.startswith("URN:UVCI:01:VN:MOH/") for i in ids
    )


def test_every_single_character_change_is_detected() -> None:
    uvci = new_uvci("IN", "MOHFW")
    body, check = uvci.split("#")
    for index in range(len("URN:UVCI:01:IN:"), len(body)):
        for replacement in "A7Z0":
            if body[index] in "/" or body[index] == replacement:
                continue
            changed = body[:index] + replacement + body[index + 1 :]
            assert check_character(changed) != check


def test_malformed_ids() -> None:
    assert not is_valid("URN:UVCI:01:NL:187/37512422923#A")
    assert not is_valid("urn:uvci:01:NL:187")
    assert not is_valid("URN:UVCI:01:NL:187/375", require_checksum=True)
    with pytest.raises(CertificateError) as info:
        check_character("URN:UVCI:01:NL:a")
    assert info.value.code == "bad_uvci"
    with pytest.raises(CertificateError):
        new_uvci("vn", "MOH")
