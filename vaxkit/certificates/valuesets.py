"""EU DCC value sets (bundled from ehn-dcc-development/eu-dcc-valuesets): code checks and labels."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

# DCC field -> value set file, per certificate type
FIELDS: dict[str, dict[str, str]] = {
    "v": {
        "tg": "disease-agent-targeted",
        "vp": "vaccine-prophylaxis",
        "mp": "vaccine-medicinal-product",
        "ma": "vaccine-mah-manf",
        "co": "country-2-codes",
    },
    "t": {
        "tg": "disease-agent-targeted",
        "tt": "test-type",
        "tr": "test-result",
        "co": "country-2-codes",
    },
    "r": {"tg": "disease-agent-targeted", "co": "country-2-codes"},
}


USER_ASSIGNED_COUNTRIES = frozenset(
    ["AA", "ZZ", *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"), *(f"X{chr(c)}" for c in range(65, 91))]
)
"""ISO 3166-1 alpha-2 codes reserved for user assignment: no country has them, so demo and test
deployments use them (vaxkit's Demoland is ``XX``); accepted for ``co``."""


@cache
def bundled() -> tuple[str, ...]:
    """Names of the bundled value sets."""
    folder = resources.files("vaxkit.certificates").joinpath("data/eu-dcc-valuesets")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@cache
def valueset(name: str) -> dict[str, dict[str, Any]]:
    """Codes of a value set with their entries (``display``, ``active``, ``system``)."""
    path = resources.files("vaxkit.certificates").joinpath(f"data/eu-dcc-valuesets/{name}.json")
    return json.loads(path.read_text("utf-8"))["valueSetValues"]


def display(name: str, code: str) -> str:
    """Human label of a code (the code itself when unknown)."""
    entry = valueset(name).get(code)
    return entry["display"] if entry else code


def is_user_assigned_country(code: str) -> bool:
    """ISO 3166-1 alpha-2 codes reserved for user assignment (AA, QM-QZ, XA-XZ, ZZ): no country
    has them, so demo and test deployments (vaxkit's Demoland is ``XX``) use them."""
    return len(code) == 2 and (
        code in ("AA", "ZZ")
        or (code[0] == "Q" and "M" <= code[1] <= "Z")
        or (code[0] == "X" and code[1].isupper())
    )


def unknown_values(dcc: dict[str, Any]) -> list[tuple[str, str]]:
    """(field path, code) for every coded field whose code is not in its value set.

    Deprecated codes (``active: false``, e.g. ATC ``J07BX03``) are still known: certificates
    issued with them stay valid. A user-assigned country code is accepted for ``co``.
    """
    problems = []
    for group, fields in FIELDS.items():
        for index, entry in enumerate(dcc.get(group) or []):
            if not isinstance(entry, dict):
                continue
            for field, name in fields.items():
                code = entry.get(field)
                if code is None or code in valueset(name):
                    continue
                if field == "co" and code in USER_ASSIGNED_COUNTRIES:
                    continue
                problems.append((f"{group}/{index}/{field}", str(code)))
    return problems
