"""Personal names by name model: validation, display order and travel-document forms."""

from __future__ import annotations

import pytest

from vaxkit.identity import PersonNameError
from vaxkit.identity.names import clean_name, display_name, travel_names
from vaxkit.profiles.schema import NameModel, NamePart


def part(key: str, role: str | None = None, required: bool = False, max_length: int = 100):
    return NamePart(
        key=key,
        labels={"en": key.replace("_", " ").capitalize() + " name"},
        required=required,
        travel_role=role,
        max_length=max_length,
    )


INDIA = NameModel(
    parts=[part("given", "given", required=True), part("family", "family")],
    display_order=["given", "family"],
    transliteration="ask",
    single_name_allowed=True,
)
VIETNAM = NameModel(
    parts=[
        part("family", "family", required=True),
        part("middle", "given"),
        part("given", "given", required=True),
    ],
    display_order=["family", "middle", "given"],
)
PERU = NameModel(
    parts=[
        part("given", "given", required=True),
        part("family", "family", required=True),
        part("second_family", "family"),
    ],
    display_order=["given", "family", "second_family"],
)
UKRAINE = NameModel(
    parts=[
        part("family", "family", required=True),
        part("given", "given", required=True, max_length=20),
        part("patronymic"),
    ],
    display_order=["family", "given", "patronymic"],
    transliteration="automatic",
)
EMIRATES = NameModel(
    parts=[part("given", "given", required=True), part("father"), part("family", "family")],
    display_order=["given", "father", "family"],
    transliteration="automatic",
)


def test_clean_tidies_spaces_and_drops_empty_parts() -> None:
    parts = {"family": "  Nguyễn ", "middle": "Văn\u00a0 ", "given": "An  "}
    assert clean_name(VIETNAM, parts) == {"family": "Nguyễn", "middle": "Văn", "given": "An"}
    assert clean_name(VIETNAM, {"family": "Lê", "middle": "", "given": "Hoa"}) == {
        "family": "Lê",
        "given": "Hoa",
    }


def test_required_parts() -> None:
    with pytest.raises(PersonNameError) as caught:
        clean_name(PERU, {"given": "Rosa", "family": ""})
    assert caught.value.code == "name.required"
    assert caught.value.params == {"part": "family"}


def test_mononyms_only_where_allowed() -> None:
    assert clean_name(INDIA, {"given": "Rekha"}) == {"given": "Rekha"}
    with pytest.raises(PersonNameError) as caught:
        clean_name(VIETNAM, {"given": "An"})
    assert caught.value.code == "name.required"


def test_every_problem_is_reported() -> None:
    with pytest.raises(PersonNameError) as caught:
        clean_name(UKRAINE, {"family": "Шевченко1", "given": "Т" * 21, "nickname": "Tarasyk"})
    codes = sorted(problem.code for problem in caught.value.problems)
    assert codes == ["name.characters", "name.too_long", "name.unknown_part"]


@pytest.mark.parametrize(
    "value", ["O'Brien", "Jean-Luc", "St. John", "अमिताभ", "محمد", "Мар'яна", "Nguyễn", "ശ്രീ"]
)
def test_real_names_are_accepted(value: str) -> None:
    assert clean_name(INDIA, {"given": value})["given"] == value


@pytest.mark.parametrize("value", ["R2D2", "Ana@", "<script>", "---"])
def test_non_names_are_refused(value: str) -> None:
    with pytest.raises(PersonNameError) as caught:
        clean_name(INDIA, {"given": value})
    assert caught.value.code == "name.characters"


def test_empty() -> None:
    with pytest.raises(PersonNameError) as caught:
        clean_name(INDIA, {"given": "  "})
    assert caught.value.code == "name.empty"


def test_display_order() -> None:
    assert display_name(VIETNAM, {"given": "An", "family": "Nguyễn", "middle": "Văn"}) == (
        "Nguyễn Văn An"
    )
    assert display_name(PERU, {"given": "José María", "family": "Núñez", "second_family": ""}) == (
        "José María Núñez"
    )


@pytest.mark.parametrize(
    ("model", "parts", "expected"),
    [
        (VIETNAM, {"family": "Nguyễn", "middle": "Văn", "given": "An"}, ("VAN<AN", "NGUYEN")),
        (VIETNAM, {"family": "Đặng", "given": "Thị Ngọc Hà"}, ("THI<NGOC<HA", "DANG")),
        (
            PERU,
            {"given": "José María", "family": "Núñez", "second_family": "Güell"},
            ("JOSE<MARIA", "NUNEZ<GUEELL"),
        ),
        (
            UKRAINE,
            {"family": "Шевченко", "given": "Тарас", "patronymic": "Г."},
            ("TARAS", "SHEVCHENKO"),
        ),
        (UKRAINE, {"family": "Згурський", "given": "Юрій"}, ("YURII", "ZGHURSKYI")),
        (INDIA, {"given": "अमिताभ", "family": "बच्चन"}, ("AMITABH", "BACHCHAN")),
        (INDIA, {"given": "Rekha"}, ("", "REKHA")),  # a mononym is the primary identifier
        (EMIRATES, {"given": "محمد", "father": "راشد", "family": "المكتوم"}, ("MXHMD", "ALMKTWM")),
    ],
)
def test_travel_names(model: NameModel, parts: dict[str, str], expected: tuple[str, str]) -> None:
    assert travel_names(model, parts) == expected


def test_travel_names_prefer_what_the_citizen_typed() -> None:
    parts = {"given": "अमिताभ", "family": "बच्चन"}
    latin = {"given": "Amitabh", "family": "Bachchan"}
    assert travel_names(INDIA, parts, latin) == ("AMITABH", "BACHCHAN")
    assert travel_names(INDIA, parts, {"given": "Amitaabh"}) == ("AMITAABH", "BACHCHAN")
