"""The loader turns every kind of broken profile into a precise, positioned message."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaxkit.profiles.issues import ProfileError, Severity
from vaxkit.profiles.loader import load_profile, load_profile_detailed, load_profile_text

DATA = Path(__file__).parent / "data"
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")


def broken(tmp_path: Path, old: str, new: str, text: str = MINIMAL) -> ProfileError:
    """Write MINIMAL with one replacement and return the error loading it raises."""
    assert old in text, f"test setup: {old!r} not in profile"
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    return info.value


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_minimal_profile_is_valid() -> None:
    profile = load_profile(DATA / "minimal.yaml")
    assert profile.country.code == "XX"
    assert profile.vaccine("comirnaty").intervals[0].min_days == 21
    assert profile.code == "xx"


def test_yaml_syntax_error_has_position_and_hint(tmp_path: Path) -> None:
    error = broken(tmp_path, "  alpha3: XXA", "\talpha3: XXA")
    [issue] = error.issues
    assert issue.code == "yaml.syntax"
    assert issue.location and issue.location.line == 5
    assert "tabs" in (issue.hint or "")
    assert str(tmp_path / "broken.yaml") + ":5:" in str(error)


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    error = broken(tmp_path, "    min_age: 12\n", "    min_age: 12\n    intervalls: []\n")
    [issue] = error.issues
    assert issue.code == "field.unknown"
    assert issue.path == ("vaccines", 0, "intervalls")
    assert issue.hint == "did you mean 'intervals'?"
    assert issue.location and issue.location.line == line_of(MINIMAL, "min_age: 12") + 1
    assert issue.location.column == 5


def test_wrong_type_says_what_was_expected_and_found(tmp_path: Path) -> None:
    error = broken(tmp_path, "    doses: 2", "    doses: two")
    [issue] = error.issues
    assert issue.code == "field.type"
    assert issue.path == ("vaccines", 0, "doses")
    assert issue.expected == "a whole number"
    assert issue.found == "'two'"
    assert issue.location and issue.location.line == line_of(MINIMAL, "doses: 2")


def test_unknown_language_code(tmp_path: Path) -> None:
    error = broken(tmp_path, "supported: [en, ar]", "supported: [en, ar, qqq]")
    [issue] = error.errors
    assert issue.code == "language.unknown"
    assert issue.path == ("languages", "supported", 2)
    assert "fallbacks" in (issue.expected or "")


def test_language_without_cldr_data_is_fine_with_a_fallback(tmp_path: Path) -> None:
    text = MINIMAL.replace("supported: [en, ar]", "supported: [en, ar, ay]\n  fallbacks: {ay: es}")
    profile = load_profile_text(text, "p.yaml")
    assert profile.languages.fallbacks == {"ay": "es"}


def test_interval_minimum_above_maximum(tmp_path: Path) -> None:
    error = broken(tmp_path, "min_days: 21, max_days: 42", "min_days: 84, max_days: 42")
    [issue] = error.errors
    assert issue.code == "vaccine.interval_order"
    assert issue.path == ("vaccines", 0, "intervals", 0, "min_days")
    assert "84" in issue.message and "42" in issue.message
    assert issue.location and issue.location.line == line_of(MINIMAL, "min_days: 21")


def test_cohort_overlap(tmp_path: Path) -> None:
    error = broken(tmp_path, "min_age: 18, max_age: 59", "min_age: 18, max_age: 65")
    [issue] = error.errors
    assert issue.code == "cohort.overlap"
    assert issue.path == ("cohorts", "groups", 1)
    assert "elderly" in issue.message


def test_nested_cohorts_are_priorities_not_overlaps() -> None:
    text = MINIMAL.replace("min_age: 18, max_age: 59", "min_age: 18")
    profile = load_profile_text(text, "p.yaml")
    assert [g.code for g in profile.cohorts.groups] == ["elderly", "adults"]


def test_unreachable_cohort(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "    - {code: elderly",
        "    - {code: all, labels: {en: All}, opens_on: 2021-01-01}\n    - {code: elderly",
    )
    error = broken(tmp_path, "vaxkit_profile", "vaxkit_profile", text)
    assert {i.code for i in error.errors} == {"cohort.unreachable"}


def test_vaccine_referenced_but_not_defined(tmp_path: Path) -> None:
    error = broken(
        tmp_path, "max_age: 59, opens_on", "max_age: 59, vaccines: [comirnatty], opens_on"
    )
    [issue] = error.errors
    assert issue.code == "cohort.vaccine"
    assert issue.path == ("cohorts", "groups", 1, "vaccines", 0)
    assert issue.hint == "did you mean 'comirnaty'?"


def test_several_errors_reported_at_once(tmp_path: Path) -> None:
    text = MINIMAL.replace("doses: 2", "doses: two").replace("code: XX", "cod: XX", 1)
    text = text.replace("fhir: male", "fhir: mal")
    error = broken(tmp_path, "vaxkit_profile", "vaxkit_profile", text)
    codes = {i.code for i in error.issues}
    assert codes == {"field.type", "field.unknown", "field.missing", "field.format"}
    assert len(error.issues) == 4  # missing code + unknown cod, doses, gender
    lines = [i.location.line for i in error.issues if i.location]
    assert lines == sorted(lines)


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    error = broken(tmp_path, "  alpha3: XXA\n", "  alpha3: XXA\n  alpha3: XXB\n")
    [issue] = error.issues
    assert issue.code == "yaml.duplicate_key"
    assert "line 5" in (issue.hint or "")


def test_norway_is_not_false() -> None:
    text = MINIMAL.replace("code: XX\n", 'code: "NO"\n', 1)
    with pytest.raises(ProfileError) as info:
        load_profile_text(text)
    # NO is a real country: its alpha3 and time zone checks run; it is never read as a boolean
    assert {i.code for i in info.value.errors} >= {"country.alpha3"}
    assert all(i.code != "field.type" for i in info.value.errors)


def test_no_traceback_for_missing_or_empty_files(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile(tmp_path / "absent.yaml")
    (tmp_path / "empty.yaml").write_text("")
    with pytest.raises(ProfileError, match="empty"):
        load_profile(tmp_path / "empty.yaml")
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    with pytest.raises(ProfileError, match="mapping"):
        load_profile(tmp_path / "list.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ProfileError, match="UTF-8"):
        load_profile(tmp_path / "bin.yaml")


def test_extends_merges_mappings_and_replaces_lists(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "state.yaml").write_text(
        "extends: base.yaml\n"
        "jurisdiction: {code: XX-N, names: {en: North}}\n"
        "branding:\n  colors: {primary: '#112233', secondary: '#445566'}\n"
        "languages: {supported: [ar, en], default: ar}\n",
        encoding="utf-8",
    )
    profile = load_profile(tmp_path / "state.yaml")
    assert profile.code == "xx-n"
    assert profile.branding.colors.primary == "#112233"
    assert profile.branding.platform_name["en"] == "TestVax"  # inherited
    assert profile.languages.supported == ["ar", "en"]
    assert profile.vaccine("comirnaty").doses == 2


def test_errors_in_a_child_point_into_the_child(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "child.yaml").write_text("extends: base.yaml\nbooking: {window_days: -1}\n")
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "child.yaml")
    [issue] = info.value.issues
    assert issue.location and issue.location.file.endswith("child.yaml")
    assert issue.location.line == 2


def test_extends_cycle_and_missing_parent(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    with pytest.raises(ProfileError, match="circle"):
        load_profile(tmp_path / "a.yaml")
    (tmp_path / "c.yaml").write_text("extends: nowhere.yaml\n")
    with pytest.raises(ProfileError, match="does not exist"):
        load_profile(tmp_path / "c.yaml")


def test_strict_mode_turns_todos_into_errors(tmp_path: Path) -> None:
    path = tmp_path / "todo.yaml"
    path.write_text(MINIMAL + "todo:\n  - Confirm the booster policy.\n", encoding="utf-8")
    loaded = load_profile_detailed(path)
    assert [w.code for w in loaded.warnings] == ["todo.open"]
    with pytest.raises(ProfileError) as info:
        load_profile(path, strict=True)
    assert [i.severity for i in info.value.issues] == [Severity.error]


def test_logo_must_exist(tmp_path: Path) -> None:
    error = broken(tmp_path, "  colors:", "  logo: logos/none.svg\n  colors:")
    [issue] = error.errors
    assert issue.code == "branding.logo"


def test_unquoted_comma_in_a_flow_mapping_gets_a_hint(tmp_path: Path) -> None:
    error = broken(tmp_path, "labels: {en: 60 and over,", "labels: {en: 60, and over,")
    [issue] = [i for i in error.issues if i.path[-1] == "and over"]
    assert "quotes" in (issue.hint or "")


def test_eu_codes_outside_the_value_sets_are_flagged(tmp_path: Path) -> None:
    path = tmp_path / "codes.yaml"
    path.write_text(MINIMAL.replace('eu_vp: "1119349007"', "eu_vp: J07BN01"), encoding="utf-8")
    [warning] = load_profile_detailed(path).warnings
    assert warning.code == "vaccine.eu_code_unknown"
    assert warning.path == ("vaccines", 0, "codes", "eu_vp")
    path.write_text(MINIMAL.replace('eu_vp: "1119349007"', "eu_vp: J07BX03"), encoding="utf-8")
    [warning] = load_profile_detailed(path).warnings
    assert warning.code == "vaccine.eu_code_deprecated"
    with pytest.raises(ProfileError):
        load_profile(path, strict=True)
