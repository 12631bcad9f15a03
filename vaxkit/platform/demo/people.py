"""Synthetic people and places for the demo, from the data files next to this module."""

from __future__ import annotations

import functools
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vaxkit.profiles.schema import AdminArea, Gender, NameModel, Profile

DATA = Path(__file__).parent / "data"
MALE_ROLES = {"father", "grandfather", "patronymic"}


@functools.cache
def _names() -> dict[str, Any]:
    return json.loads((DATA / "names.json").read_text(encoding="utf-8"))


@functools.cache
def _places() -> dict[str, list[float]]:
    return json.loads((DATA / "places.json").read_text(encoding="utf-8"))


def _pool(country: str) -> dict[str, list[str]]:
    names = _names()
    return names.get(country) or names["default"]


def person_name(
    model: NameModel, country: str, gender: Gender, rng: random.Random
) -> dict[str, str]:
    """Name parts for every part of ``model``, from the country's pool (combined at random)."""
    pool = _pool(country)
    sex = gender.fhir if gender.fhir in ("male", "female") else rng.choice(("male", "female"))
    given = rng.choice(pool[sex])
    family = rng.choice(pool["family"])
    parts: dict[str, str] = {}
    for part in model.parts:
        key = part.key
        if len(model.parts) == 1:
            value = f"{given} {family}"  # a single free-form name field
        elif key in ("family", "second_family", "surname"):
            value = family if key != "second_family" else rng.choice(pool["family"])
        elif key in MALE_ROLES:
            value = rng.choice(pool["male"])
        elif key == "middle":
            value = rng.choice(pool.get(f"middle_{sex}", pool[sex]))
        else:
            value = given
        parts[key] = value[: part.max_length]
    return parts


def centre_name(country: str, area_name: str, rng: random.Random) -> str:
    """``<area> <kind of centre>`` in the country's language."""
    return f"{area_name} {rng.choice(_pool(country)['centre_kinds'])}"


@dataclass(frozen=True)
class Place:
    area_code: str
    area_name: str
    postal_code: str
    latitude: float
    longitude: float


def places(profile: Profile, count: int, rng: random.Random) -> list[Place]:
    """Up to ``count`` real areas of the profile to put centres in, with coordinates near
    the area's centre and a postal code of the area."""
    language = profile.languages.default
    known = _places()
    fallback = known.get(f"country:{profile.country.code}", [0.0, 0.0])
    leaves: list[tuple[int, AdminArea, list[float], list[str]]] = []

    def walk(areas: list[AdminArea], coords: list[float] | None, codes: list[str]) -> None:
        for area in areas:
            here = known.get(area.code)
            postal = area.postal_codes or codes
            if area.children:
                walk(area.children, here or coords, postal)
            else:
                rank = 0 if here else (1 if coords else 2)
                leaves.append((rank, area, here or coords or fallback, postal))

    walk(profile.admin_areas.areas, None, [])
    leaves.sort(key=lambda item: item[0])
    chosen = [leaf for leaf in leaves if leaf[0] == 0] or leaves
    result = []
    for i in range(min(count, max(len(chosen), 1) * 2)):
        _, area, (lat, lon), postal = chosen[i % len(chosen)]
        result.append(
            Place(
                area_code=area.code,
                area_name=profile.text(area.names, language),
                postal_code=postal_code(profile, postal, rng),
                latitude=round(lat + rng.uniform(-0.03, 0.03), 5),
                longitude=round(lon + rng.uniform(-0.03, 0.03), 5),
            )
        )
    return result[:count]


def postal_code(profile: Profile, candidates: list[str], rng: random.Random) -> str:
    """A full postal code from the area's codes or prefixes (``560*``), matching the format."""
    rule = profile.admin_areas.postal_code
    if not rule.pattern:
        return ""
    length = len(rule.example)
    for candidate in candidates:
        code = candidate.rstrip("*")
        if candidate.endswith("*"):
            code += "".join(rng.choice("0123456789") for _ in range(max(0, length - len(code))))
        if re.fullmatch(rule.pattern, code):
            return code
    return rule.example
