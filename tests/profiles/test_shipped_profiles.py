"""Every profile in country_profiles/ loads, validates and holds data the other parts accept.

The tests are driven by the folder: a new profile is tested by being added there. Facts are checked
against the libraries that own them (libphonenumber, ISO 3166-2 through pycountry, CLDR through
Babel, the EU DCC value sets bundled with vaxkit.certificates), never against copies in this file.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import phonenumbers
import pycountry
import pytest
from babel import Locale

from vaxkit.profiles.checks import USER_ASSIGNED
from vaxkit.profiles.loader import load_profile, load_profile_detailed
from vaxkit.profiles.schema import AdminArea, CertificateFormat, Profile

PROFILE_DIR = Path(__file__).resolve().parents[2] / "country_profiles"
PROFILE_PATHS = sorted(PROFILE_DIR.glob("*.yaml"))
REFERENCE = PROFILE_DIR / "xx-demo.yaml"
ISO_SUBDIVISION = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
# Profiles whose top level is not ISO 3166-2's list: a state's own profile, and Viet Nam after the
# 2025 merger of provinces (whose units keep the codes of the provinces they are named after).
PARTIAL_ISO = {"in-ka", "vn"}

by_name = pytest.mark.parametrize("path", PROFILE_PATHS, ids=[p.stem for p in PROFILE_PATHS])


@pytest.fixture(scope="module")
def profiles() -> dict[str, Profile]:
    """Every shipped profile, loaded once."""
    return {path.stem: load_profile(path) for path in PROFILE_PATHS}


def walk(areas: list[AdminArea]) -> Iterator[AdminArea]:
    """Every area of a tree, depth first."""
    for area in areas:
        yield area
        yield from walk(area.children)


def test_the_folder_holds_the_expected_profiles() -> None:
    names = {p.stem for p in PROFILE_PATHS}
    assert {"xx-demo", "in", "in-ka", "vn", "pe", "mx", "ua", "ae", "ng", "ug"} <= names


@by_name
def test_profile_loads_with_no_warning_but_open_questions(path: Path) -> None:
    loaded = load_profile_detailed(path)
    assert [w.code for w in loaded.warnings if w.code != "todo.open"] == []


def test_reference_profile_passes_strict_mode() -> None:
    profile = load_profile(REFERENCE, strict=True)
    assert profile.todo == []


def test_reference_profile_exercises_every_feature(profiles: dict[str, Profile]) -> None:
    demo = profiles["xx-demo"]
    assert demo.country.code in USER_ASSIGNED
    assert set(demo.certificates.formats) == set(CertificateFormat)
    assert any(
        Locale.parse(lang).character_order == "right-to-left" for lang in demo.languages.supported
    )
    assert demo.names.transliteration == "automatic"
    assert {part.key for part in demo.names.parts} >= {"given", "family", "father"}
    # A complete tree: every area has two children down to the third level.
    assert len(demo.admin_areas.levels) == 3
    assert len(demo.admin_areas.areas) == 2
    for region in demo.admin_areas.areas:
        assert len(region.children) == 2
        for district in region.children:
            assert len(district.children) == 2
            assert all(block.postal_codes for block in district.children)
    rules = {doc.validator for doc in demo.id_documents}
    assert "pattern" in rules and len(rules) >= 3
    assert any(doc.for_travel for doc in demo.id_documents)
    assert {q.kind for q in demo.cohorts.qualifiers} == {"condition", "occupation"}
    assert len({c.opens_on for c in demo.cohorts.groups}) >= 4
    assert any(c.requires_any for c in demo.cohorts.groups)
    assert sorted(v.doses for v in demo.vaccines) == [1, 2, 2]
    assert any(i.max_days is not None for v in demo.vaccines for i in v.intervals)
    heterologous = [
        b
        for v in demo.vaccines
        for b in v.boosters
        if b.primary_vaccines and v.code not in b.primary_vaccines
    ]
    assert heterologous, "a booster given after other vaccines' primary series"
    assert demo.branding.logo and (PROFILE_DIR / demo.branding.logo).is_file()


def test_reference_texts_exist_in_every_language(profiles: dict[str, Profile]) -> None:
    """The reference is translated everywhere, so the demo shows each language in full."""
    demo = profiles["xx-demo"]
    languages = set(demo.languages.supported)
    texts = _texts(demo)
    assert texts
    for where, text in texts:
        assert set(text) == languages, where


def _texts(value: object, where: str = "") -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        found.append((where, value))
    elif hasattr(type(value), "model_fields"):
        for name in type(value).model_fields:
            if name in {"fallbacks"}:
                continue
            found += _texts(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _texts(item, f"{where}[{i}]")
    return found


@by_name
def test_phone_example_is_a_valid_mobile_number(path: Path, profiles: dict[str, Profile]) -> None:
    country = profiles[path.stem].country
    if country.code in USER_ASSIGNED:
        assert re.fullmatch(r"[0-9 ]{6,15}", country.phone.example)
        return
    region = country.phone.region or country.code
    number = phonenumbers.parse(country.phone.example, region)
    assert phonenumbers.is_valid_number(number)
    assert number.country_code == country.phone.country_code
    assert phonenumbers.number_type(number) in {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }


@by_name
def test_postal_codes_match_the_pattern(path: Path, profiles: dict[str, Profile]) -> None:
    areas = profiles[path.stem].admin_areas
    pattern = re.compile(areas.postal_code.pattern)
    example = areas.postal_code.example
    assert pattern.fullmatch(example)
    for area in walk(areas.areas):
        for code in area.postal_codes:
            if code.endswith("*"):
                # A prefix must start real codes: padded with zeros to full length it matches.
                prefix = code[:-1]
                assert prefix and len(prefix) < len(example), (area.code, code)
                assert pattern.fullmatch(prefix.ljust(len(example), "0")), (area.code, code)
            else:
                assert pattern.fullmatch(code), (area.code, code)


@by_name
def test_id_document_rules_exist_and_accept_their_own_examples(
    path: Path, profiles: dict[str, Profile]
) -> None:
    rules = pytest.importorskip("vaxkit.identity.rules")
    names = set(rules.rule_names())
    for doc in profiles[path.stem].id_documents:
        assert doc.validator in names, doc.code
        rule = rules.get_rule(doc.validator)
        example = rule.generate_matching(random.Random(doc.code), doc.pattern)
        assert rule.validate(example, doc.pattern) == example, doc.code


@by_name
def test_top_level_areas_are_the_iso_3166_2_list(path: Path, profiles: dict[str, Profile]) -> None:
    profile = profiles[path.stem]
    if profile.country.code in USER_ASSIGNED:
        return
    iso = {s.code for s in pycountry.subdivisions.get(country_code=profile.country.code)}
    used = {a.code for a in walk(profile.admin_areas.areas) if ISO_SUBDIVISION.fullmatch(a.code)}
    assert used <= iso, sorted(used - iso)
    if path.stem not in PARTIAL_ISO:
        assert used == iso, sorted(iso - used)


def test_viet_nam_has_the_34_units_of_2025(profiles: dict[str, Profile]) -> None:
    units = profiles["vn"].admin_areas.areas
    assert len(units) == 34
    assert sum(1 for u in units if u.names["vi"].startswith("Thành phố")) == 6


@by_name
def test_eu_codes_are_in_the_eu_value_sets(path: Path, profiles: dict[str, Profile]) -> None:
    valuesets = pytest.importorskip("vaxkit.certificates.valuesets")
    for vaccine in profiles[path.stem].vaccines:
        codes = vaccine.codes
        for code, name in (
            (codes.eu_mp, "vaccine-medicinal-product"),
            (codes.eu_vp, "vaccine-prophylaxis"),
            (codes.eu_ma, "vaccine-mah-manf"),
        ):
            if code is not None:
                assert code in valuesets.valueset(name), (vaccine.code, code)
                assert valuesets.valueset(name)[code]["active"], (vaccine.code, code)


@by_name
def test_cohorts_and_boosters_cite_a_source(path: Path, profiles: dict[str, Profile]) -> None:
    profile = profiles[path.stem]
    assert all(c.source for c in profile.cohorts.groups)
    assert all(v.source for v in profile.vaccines)
    assert all(b.source for v in profile.vaccines for b in v.boosters)


def test_karnataka_inherits_india(profiles: dict[str, Profile]) -> None:
    india, karnataka = profiles["in"], profiles["in-ka"]
    assert karnataka.jurisdiction is not None and karnataka.jurisdiction.code == "IN-KA"
    assert karnataka.code == "in-ka"
    assert karnataka.vaccines == india.vaccines
    assert karnataka.id_documents == india.id_documents
    assert karnataka.cohorts == india.cohorts
    assert karnataka.languages.default == karnataka.languages.supported[0] == "kn"
    assert set(karnataka.languages.supported) == set(india.languages.supported)
    (state,) = karnataka.admin_areas.areas
    assert state.code == "IN-KA"
    assert len(state.children) == 31
    assert all("kn" in district.names for district in state.children)
