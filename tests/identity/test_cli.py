"""``vaxkit id check`` and ``vaxkit id rules`` through click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from vaxkit.cli import cli

PROFILE = str(Path(__file__).parent / "data" / "id-test.yaml")


def run(*args: str):
    return CliRunner().invoke(cli, ["id", *args], catch_exceptions=False)


def test_valid_number() -> None:
    result = run("check", "--profile", PROFILE, "--type", "aadhaar", "2341 2341 2346")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "valid"
    assert "normalised: 234123412346" in result.output
    assert "masked:     XXXX XXXX 2346" in result.output


def test_invalid_number() -> None:
    result = run("check", "--profile", PROFILE, "--type", "aadhaar", "2341 2341 2347")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "invalid"
    assert "[id.checksum]" in result.output


def test_profile_pattern_in_cli() -> None:
    result = run("check", "--profile", PROFILE, "--type", "passport", "L898902C3")
    assert result.exit_code == 1 and "[id.pattern]" in result.output
    result = run("check", "--profile", PROFILE, "--type", "ration_card", "ab 123456")
    assert result.exit_code == 0 and "normalised: AB123456" in result.output


def test_unknown_type_lists_known_types() -> None:
    result = run("check", "--profile", PROFILE, "--type", "pan", "ABCPE1234F")
    assert result.exit_code == 2
    assert "aadhaar, passport, ration_card" in result.output


def test_usage_errors() -> None:
    assert run("check", "1234").exit_code == 2
    assert run("check", "--rule", "nope.rule", "1234").exit_code == 2
    assert run("check", "--rule", "in.pan", "--profile", PROFILE, "X").exit_code == 2
    missing = run("check", "--profile", "does-not-exist.yaml", "--type", "aadhaar", "1")
    assert missing.exit_code == 2


def test_check_by_rule() -> None:
    result = run("check", "--rule", "ua.unzr", "20070114-07150")
    assert result.exit_code == 0 and "display:    20070114-07150" in result.output
    result = run("check", "--rule", "passport", "--pattern", "[A-Z][0-9]{7}", "L898902C3")
    assert result.exit_code == 1


def test_json_output() -> None:
    ok = run("check", "--profile", PROFILE, "--type", "aadhaar", "--json", "234123412346")
    assert ok.exit_code == 0
    assert json.loads(ok.output) == {
        "valid": True,
        "type": "aadhaar",
        "rule": "in.aadhaar",
        "normalised": "234123412346",
        "display": "2341 2341 2346",
        "masked": "XXXX XXXX 2346",
    }
    bad = run("check", "--profile", PROFILE, "--type", "aadhaar", "--json", "23412341234")
    assert bad.exit_code == 1
    data = json.loads(bad.output)
    assert data["valid"] is False and data["code"] == "id.length" and data["got"] == 11
    usage = run("check", "--profile", PROFILE, "--type", "nope", "--json", "1")
    assert usage.exit_code == 2 and json.loads(usage.output)["error"] == "usage"


def test_rules_listing() -> None:
    result = run("rules")
    assert result.exit_code == 0
    assert "in.aadhaar" in result.output and "example:" in result.output
    data = json.loads(run("rules", "--json").output)
    names = [item["name"] for item in data]
    assert names == sorted(names) and "ug.nin" in names
    for item in data:
        pattern = ["--pattern", "[A-Z]{2}[0-9]{6}"] if item["needs_pattern"] else []
        good = run("check", "--rule", item["name"], *pattern, item["display_example"])
        assert good.exit_code == 0, item["name"]
        bad = run("check", "--rule", item["name"], *pattern, item["invalid_example"])
        assert bad.exit_code == 1, item["name"]
