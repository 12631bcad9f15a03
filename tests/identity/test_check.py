"""check_document: a profile's document type = its rule + its pattern + its mask."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from vaxkit.identity import IdNumberError, check_document, example_number
from vaxkit.identity.pattern_examples import PatternExampleError, example_from_pattern
from vaxkit.profiles.issues import ProfileError
from vaxkit.profiles.loader import load_profile
from vaxkit.profiles.schema import IdDocument

PROFILES = sorted((Path(__file__).parents[2] / "country_profiles").glob("*.yaml"))


def doc(validator: str, pattern: str | None = None, mask: str = "keep_last:4") -> IdDocument:
    return IdDocument(
        code="test_doc", labels={"en": "Test"}, validator=validator, pattern=pattern, mask=mask
    )


def test_three_forms() -> None:
    checked = check_document(doc("in.aadhaar", mask="XXXX XXXX ####"), "2341-2341-2346")
    assert checked.normalised == "234123412346"
    assert checked.display == "2341 2341 2346"
    assert checked.masked == "XXXX XXXX 2346"
    assert (checked.document, checked.rule) == ("test_doc", "in.aadhaar")


def test_full_number_stays_out_of_repr_and_str() -> None:
    checked = check_document(doc("ua.unzr"), "20070114-07150")
    assert "2007011407150" not in repr(checked) and "20070114" not in str(checked)


def test_pattern_of_the_document_applies() -> None:
    passport = doc("passport", pattern="[A-Z][0-9]{7}", mask="keep_last:3")
    assert check_document(passport, "k 482 9310").masked == "XXXXX310"
    with pytest.raises(IdNumberError) as caught:
        check_document(passport, "L898902C3")
    assert caught.value.code == "id.pattern"


def test_unknown_rule() -> None:
    with pytest.raises(IdNumberError) as caught:
        check_document(doc("xx.nothing"), "123")
    assert caught.value.code == "id.unknown_rule"


@pytest.mark.parametrize(
    ("validator", "pattern"),
    [
        ("in.aadhaar", None),
        ("passport", "[A-Z][0-9]{7}"),
        ("verhoeff", "[2-9][0-9]{11}"),
        ("luhn", "[0-9]{10}"),
        ("pattern", "[A-Z]{3}[0-9]{7}"),
    ],
)
def test_example_number(validator: str, pattern: str | None) -> None:
    document = doc(validator, pattern)
    example = example_number(document)
    assert example == example_number(document)  # stable without a generator
    assert check_document(document, example).normalised == example
    rng = random.Random(11)
    many = {example_number(document, rng) for _ in range(30)}
    assert len(many) > 20
    for number in many:
        check_document(document, number)


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_shipped_profiles_documents_have_valid_examples(path: Path) -> None:
    try:
        profile = load_profile(path)
    except ProfileError:
        pytest.skip(f"{path.name} does not load (checked by the profile tests)")
    for document in profile.id_documents:
        number = example_number(document)
        checked = check_document(document, number)
        assert checked.masked.count("X") >= len(number) // 2, document.code


@pytest.mark.parametrize(
    "pattern", ["^[A-Z][0-9]{7}$", r"\d{9}", "(AB|CD)-?[0-9]{2,4}", "[^0-9]{3}[A-Z0-9]+", "X{2}"]
)
def test_examples_from_patterns(pattern: str) -> None:
    import re

    rng = random.Random(2)
    for _ in range(20):
        assert re.fullmatch(pattern, example_from_pattern(pattern, rng))


def test_pattern_example_errors() -> None:
    with pytest.raises(PatternExampleError):
        example_from_pattern("(?<=a)b")
    with pytest.raises(PatternExampleError):
        example_from_pattern("[")
