"""Personal names by the profile's name model: validation, display and travel-document forms.

A :class:`~vaxkit.profiles.schema.NameModel` lists the parts a country uses (given, family,
father, patronymic, second family name...), which are required, their order for display, and
which become the ICAO primary (family) and secondary (given) identifiers on travel certificates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from vaxkit.identity.errors import PersonNameError
from vaxkit.identity.transliteration import to_mrz
from vaxkit.profiles.schema import NameModel

# Inside a name: letters and marks of any script, spaces, apostrophes, hyphens, periods and the
# zero-width (non-)joiners that Indic and Persian spelling needs.
_PUNCTUATION = frozenset(" '’ʼ-‐.\u200c\u200d")
_SPACES = re.compile(r"\s+")


def clean_name(model: NameModel, parts: Mapping[str, str | None]) -> dict[str, str]:
    """Validate the parts of a person's name; return them tidied (NFC, single spaces), empty ones
    left out. Raises :class:`PersonNameError` listing every problem in ``problems``.
    """
    known = {part.key: part for part in model.parts}
    problems: list[PersonNameError] = []
    cleaned: dict[str, str] = {}
    for key, raw in parts.items():
        if key not in known:
            problems.append(
                PersonNameError(
                    "name.unknown_part",
                    f"'{key}' is not a part of names in this country.",
                    hint=f"Use: {', '.join(known)}.",
                    params={"part": key},
                )
            )
            continue
        value = _tidy(raw or "")
        if not value:
            continue
        label = _label(known[key])
        bad = next((ch for ch in value if not _allowed(ch)), None)
        if bad is not None:
            problems.append(
                PersonNameError(
                    "name.characters",
                    f"The {label} contains '{bad}', which is not used in names.",
                    hint="Write the name with letters only, as on your identity document.",
                    params={"part": key, "character": bad},
                )
            )
        elif not any(unicodedata.category(ch).startswith("L") for ch in value):
            problems.append(
                PersonNameError(
                    "name.characters",
                    f"The {label} has no letters.",
                    params={"part": key},
                )
            )
        if len(value) > known[key].max_length:
            problems.append(
                PersonNameError(
                    "name.too_long",
                    f"The {label} has {len(value)} characters; at most "
                    f"{known[key].max_length} are accepted.",
                    hint="Shorten it as it appears on your identity document.",
                    params={"part": key, "max": known[key].max_length, "got": len(value)},
                )
            )
        cleaned[key] = value
    if not cleaned and not problems:
        problems.append(PersonNameError("name.empty", "Type the name."))
    mononym = model.single_name_allowed and len(cleaned) == 1
    if cleaned and not mononym:
        for part in model.parts:
            if part.required and part.key not in cleaned:
                problems.append(
                    PersonNameError(
                        "name.required",
                        f"The {_label(part)} is needed.",
                        params={"part": part.key},
                    )
                )
    if problems:
        first = problems[0]
        raise PersonNameError(
            first.code, first.message, first.hint, first.params, problems=tuple(problems)
        )
    return cleaned


def display_name(model: NameModel, parts: Mapping[str, str | None]) -> str:
    """The name as shown on pages and certificates: parts in ``display_order``, single spaces."""
    values = {key: _tidy(value or "") for key, value in parts.items()}
    return " ".join(values[key] for key in _display_keys(model) if values.get(key))


def travel_names(
    model: NameModel,
    parts: Mapping[str, str | None],
    latin: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """``(given, family)`` in ICAO 9303 MRZ form (``A-Z`` and ``<``) for travel certificates.

    Parts are grouped by their ``travel_role`` in display order; ``latin`` holds forms the
    citizen typed in Latin letters (profiles with ``transliteration: ask``), used instead of the
    automatic transliteration. A person with a single name gets it as the primary (family)
    identifier and an empty given name, as ICAO 9303 Part 3 prescribes.
    """
    latin = latin or {}
    roles = {part.key: part.travel_role for part in model.parts}
    groups: dict[str, list[str]] = {"given": [], "family": []}
    for key in _display_keys(model):
        value = latin.get(key) or _tidy(parts.get(key) or "")
        role = roles.get(key)
        if value and role in groups:
            text = to_mrz(value)
            if text:
                groups[role].append(text)
    given, family = "<".join(groups["given"]), "<".join(groups["family"])
    if not family:
        given, family = "", given
    return given, family


def _display_keys(model: NameModel) -> list[str]:
    order = list(model.display_order)
    return order + [part.key for part in model.parts if part.key not in order]


def _tidy(value: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def _allowed(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LM" or ch in _PUNCTUATION


def _label(part: object) -> str:
    labels = getattr(part, "labels", {}) or {}
    label = labels.get("en") or getattr(part, "key", "name").replace("_", " ")
    return label[0].lower() + label[1:] if label[:2] != label[:2].upper() else label
