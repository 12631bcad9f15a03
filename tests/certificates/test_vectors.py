"""The official EU DCC test files (dgc-testdata) run by vaxkit agree with their expectations."""

from __future__ import annotations

import copy
import json

import pytest
from cert_helpers import CONFORMANCE

from vaxkit.certificates.vectors import check_data, check_directory, known_issue, summary

TESTDATA = CONFORMANCE / "dgc-testdata"
FILES = sorted(p for p in TESTDATA.rglob("*.json"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(TESTDATA)))
def test_file_agrees(path) -> None:
    result = check_data(json.loads(path.read_text()), str(path.relative_to(TESTDATA)))
    disagreements = [
        (c.name, c.expected, c.actual, c.detail) for c in result.checks if not c.agrees
    ]
    assert not disagreements
    assert any(c.actual is not None for c in result.checks)


def test_directory_summary() -> None:
    total = summary(check_directory(TESTDATA))
    assert total.files == len(FILES) == total.files_agreeing
    assert total.checks >= 140 and total.known_issues == 0


def test_a_wrong_expectation_is_reported() -> None:
    data = json.loads((TESTDATA / "common" / "2DCode" / "raw" / "CO3.json").read_text())
    flipped = copy.deepcopy(data)
    flipped["EXPECTEDRESULTS"]["EXPECTEDVERIFY"] = False
    assert not check_data(flipped, "common/CO3.json").agrees
    tampered = copy.deepcopy(data)
    cose = bytearray(bytes.fromhex(tampered["COSE"]))
    cose[-1] ^= 1
    tampered["COSE"] = cose.hex()
    result = check_data(tampered, "common/CO3.json")
    assert [c.name for c in result.checks if not c.agrees] == [
        "EXPECTEDVERIFY",
        "EXPECTEDCOMPRESSION",
        "EXPECTEDB45DECODE",
    ] or not result.agrees


def test_known_issues_follow_the_upstream_list() -> None:
    assert known_issue("NL/2DCode/raw/041-NL-vaccination.json", "EXPECTEDSCHEMAVALIDATION")
    assert known_issue("NL/2DCode/raw/041-NL-vaccination.json", "EXPECTEDVERIFY") is None
    assert known_issue("PT/2DCode/raw/2.json", "EXPECTEDVERIFY")
    assert known_issue("common/2DCode/raw/CO1.json", "EXPECTEDVERIFY") is None
