"""Checking answers against the published CoWIN OpenAPI file and the captured real answers.

Two documented deviations from the published file, both taken from what the live API really
answered (and clients rely on): ``pincode`` is an integer in centre objects, and latitude and
longitude are not limited to India's range.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema

COWIN_DATA = Path(__file__).resolve().parents[2] / "data" / "cowin-api"


def patched_spec(spec: dict[str, Any]) -> dict[str, Any]:
    spec = copy.deepcopy(spec)
    schemas = spec["components"]["schemas"]
    for name in ("CenterResponseSchema", "SessionCalendarEntrySchema"):
        props = schemas[name]["properties"]
        props["pincode"] = {"type": ["integer", "string"]}
        for key in ("lat", "long"):
            props[key] = {"type": "number"}
    return spec


def response_schema(spec: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any]:
    operation = spec["paths"][path][method]
    content = operation["responses"][str(status)]["content"]["application/json"]
    return {**content["schema"], "components": spec["components"]}


def validate(spec: dict[str, Any], path: str, method: str, status: int, body: Any) -> None:
    """Raise if ``body`` does not conform to the (patched) published response schema."""
    schema = response_schema(patched_spec(spec), path, method, status)
    jsonschema.Draft7Validator(schema).validate(body)


def kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__


def captured(name: str) -> Any:
    return json.loads((COWIN_DATA / f"captured-{name}_responses.json").read_text())


def assert_same_shape(real: dict[str, Any], ours: dict[str, Any], optional: set[str]) -> None:
    """Every key of the real object is in ours (bar ``optional``), with the same JSON type."""
    missing = set(real) - set(ours) - optional
    assert not missing, f"missing keys {sorted(missing)}"
    for key in set(real) & set(ours):
        assert kind(real[key]) == kind(ours[key]), (key, real[key], ours[key])
