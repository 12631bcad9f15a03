"""Turn pydantic's validation errors into consultant-readable issues with positions and hints."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from vaxkit.profiles.issues import Issue, Path
from vaxkit.profiles.schema import Profile
from vaxkit.profiles.yaml_source import SourceMap

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (indented 'key: value' lines)",
    "model_type": "a mapping (indented 'key: value' lines)",
    "model_attributes_type": "a mapping (indented 'key: value' lines)",
}


def to_issues(exc: ValidationError, data: Any, source: SourceMap) -> list[Issue]:
    """One :class:`Issue` per pydantic error, located in the YAML source."""
    issues = []
    for error in exc.errors(include_url=False):
        loc: Path = tuple(error["loc"])
        kind = error["type"]
        found = _show(error.get("input"))
        if kind == "extra_forbidden":
            key = str(loc[-1])
            allowed = sorted(_fields_at(loc[:-1]))
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else None
            if not hint and allowed:
                hint = "allowed here: " + ", ".join(allowed)
            issues.append(
                Issue(
                    "field.unknown",
                    f"unknown key '{key}'",
                    path=loc,
                    location=source.locate(loc, key=True),
                    hint=hint,
                )
            )
        elif kind == "missing":
            field_info = _field_info(loc)
            issues.append(
                Issue(
                    "field.missing",
                    f"'{loc[-1]}' is required here",
                    path=loc,
                    location=source.locate(loc[:-1]),
                    expected=field_info.description if field_info else None,
                )
            )
        elif kind == "string_pattern_mismatch":
            field_info = _field_info(loc)
            issues.append(
                Issue(
                    "field.format",
                    "this value does not have the expected form",
                    path=loc,
                    location=source.locate(loc),
                    expected=(field_info.description if field_info else None)
                    or f"text matching {error['ctx']['pattern']}",
                    found=found,
                )
            )
        elif kind == "enum" or kind == "literal_error":
            issues.append(
                Issue(
                    "field.choice",
                    "this value is not one of the choices",
                    path=loc,
                    location=source.locate(loc),
                    expected=error["ctx"].get("expected"),
                    found=found,
                    hint=_choice_hint(error),
                )
            )
        else:
            hint = None
            if kind == "string_type" and error.get("input") is None:
                # `{en: Health, care}` silently makes `care` a key with no value
                hint = "a comma inside {...} starts a new key: put text with commas in quotes"
            issues.append(
                Issue(
                    f"field.{_code(kind)}",
                    _message(error),
                    path=loc,
                    location=source.locate(loc),
                    expected=_EXPECTED.get(kind),
                    found=found,
                    hint=hint,
                )
            )
    return issues


def _code(kind: str) -> str:
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "int_from_float":
        return "type"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return "range"
    if kind in {"too_short", "too_long", "string_too_short", "string_too_long"}:
        return "length"
    return kind


def _message(error: dict[str, Any]) -> str:
    msg = str(error["msg"])
    return msg[0].lower() + msg[1:] if msg else "invalid value"


def _choice_hint(error: dict[str, Any]) -> str | None:
    value = str(error.get("input"))
    options = [
        o.strip(" '") for o in str(error["ctx"].get("expected", "")).replace(" or ", ",").split(",")
    ]
    close = difflib.get_close_matches(value, [o for o in options if o], n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else None


def _show(value: Any) -> str | None:
    if value is None:
        return "nothing (empty)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/list/dict/Annotated wrappers down to a model class, if any."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    if origin in (list, tuple):
        return _unwrap(typing.get_args(annotation)[0])
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
    return annotation


def _model_at(loc: Path) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Profile
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        inner = _unwrap(field.annotation)
        model = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
    return model


def _fields_at(loc: Path) -> list[str]:
    model = _model_at(loc)
    return list(model.model_fields) if model else []


def _field_info(loc: Path) -> Any:
    parent = _model_at(tuple(p for p in loc[:-1]))
    if parent is None or isinstance(loc[-1], int):
        return None
    return parent.model_fields.get(str(loc[-1]))
