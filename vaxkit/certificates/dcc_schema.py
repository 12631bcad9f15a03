"""Validation against the EU DCC JSON schema (bundled, version 1.3.x), compiled once to closures.

A general JSON Schema library takes ~170 us per certificate, several signature verifications.
The DCC schema uses a dozen keywords; they are compiled here into generated Python source with
the checks inlined (~2 us per certificate). Compiling refuses any keyword it does not
implement, so a newer schema cannot be half-checked.
Formats ``date`` and ``date-time`` are asserted (ISO 8601 extended form; the schema project's own
valid cases include ``+02`` and ``+0200`` offsets).
The tests check agreement with ``jsonschema`` on the schema project's own valid/invalid cases.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

Check = Callable[[Any], str | None]

_ANNOTATIONS = {
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "examples",
    "valueset-uri",
    "$defs",
}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)$"
)


class SchemaCompileError(Exception):
    """The schema uses something this compiler does not implement."""


@cache
def _schema() -> dict[str, Any]:
    text = (
        resources.files("vaxkit.certificates")
        .joinpath("data/eu-dcc-schema/DCC.combined-schema.json")
        .read_text("utf-8")
    )
    return json.loads(text)


def schema_version() -> str:
    """Version of the bundled schema (from its ``$comment``)."""
    return _schema().get("$comment", "").removeprefix("Schema version ").strip()


VALUE_SET_ERROR = "unknown_value: "
"""Prefix of the messages ``checker(value_sets=True)`` returns for codes outside a value set."""


@cache
def checker(*, value_sets: bool = False) -> Check:
    """The compiled check: a DCC payload -> first problem message, or ``None`` when valid.

    With ``value_sets``, coded fields (``valueset-uri`` in the schema) must also hold a code of
    their bundled value set; those messages start with ``VALUE_SET_ERROR``.
    """
    sets: dict[str, frozenset[str]] = {}
    if value_sets:
        from vaxkit.certificates.valuesets import USER_ASSIGNED_COUNTRIES, bundled, valueset

        for name in bundled():
            codes = frozenset(valueset(name))
            sets[f"valuesets/{name}.json"] = (
                codes | USER_ASSIGNED_COUNTRIES if name == "country-2-codes" else codes
            )
    return _Compiler(_schema(), sets).build()


def validate_dcc(document: Any) -> list[str]:
    """Schema violations of a DCC payload (the ``-260``/``1`` object); empty when valid."""
    error = checker()(document)
    return [error] if error else []


# --- compiler: the schema as generated Python source ----------------------------------------------

_GUARDS = {
    "object": "(V.__class__ is dict or isinstance(V, Mapping))",
    "array": "isinstance(V, list | tuple)",
    "string": "isinstance(V, str)",
    "integer": "((isinstance(V, int) and not isinstance(V, bool))"
    " or (isinstance(V, float) and V.is_integer()))",
    "number": "(isinstance(V, int | float) and not isinstance(V, bool))",
    "boolean": "isinstance(V, bool)",
}
_FORMATS = {"date": "_is_date", "date-time": "_is_date_time"}


class _Compiler:
    """Turns the schema into Python source: checks are inlined (``properties``, ``items``,
    ``$ref``) and each failing check returns its message; ``oneOf``/``anyOf`` branches become
    functions so that passing branches can be counted."""

    def __init__(self, root: dict[str, Any], value_sets: dict[str, frozenset[str]] | None = None):
        self.root = root
        self.value_sets = value_sets or {}
        self.functions: list[str] = []
        self.constants: dict[str, Any] = {}
        self.variables = 0

    def build(self) -> Check:
        entry = self.function(self.root, "")
        namespace: dict[str, Any] = {
            "Mapping": Mapping,
            "_is_date": _is_date,
            "_is_date_time": _is_date_time,
            **self.constants,
        }
        source = "\n\n".join(self.functions)
        exec(compile(source, "<dcc-schema>", "exec"), namespace)  # noqa: S102 - generated from the bundled schema
        return namespace[entry]

    def function(self, schema: dict[str, Any], path: str) -> str:
        name = f"_s{len(self.functions)}"
        self.functions.append("")  # reserve the slot; nested branches append after it
        index = len(self.functions) - 1
        body = self.emit(schema, "x", path, ())
        self.functions[index] = "\n".join(
            [f"def {name}(x):", *("    " + line for line in body), "    return None"]
        )
        return name

    def _const(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def _var(self) -> str:
        self.variables += 1
        return f"v{self.variables}"

    def _resolve(self, ref: str) -> dict[str, Any]:
        if not ref.startswith("#/"):
            raise SchemaCompileError(f"only local $ref is supported, not {ref!r}")
        target: Any = self.root
        for part in ref[2:].split("/"):
            target = target[part]
        return target

    def emit(self, schema: dict[str, Any], var: str, path: str, refs: tuple[str, ...]) -> list[str]:
        """Lines checking ``var`` against ``schema``, returning the first error message."""
        lines: list[str] = []
        where = repr(path or "/")
        known = schema.get("type")

        def guard(kind: str) -> str:
            return _GUARDS[kind].replace("V", var)

        for keyword, value in sorted(schema.items(), key=lambda kv: kv[0] != "type"):
            if keyword == "valueset-uri" and value in self.value_sets:
                codes = self._const(self.value_sets[value])
                failure = f"return {VALUE_SET_ERROR + path!r} + ': ' + repr({var})"
                lines += _guarded(
                    [f"if {var} not in {codes}: {failure}"], known == "string", guard("string")
                )
                continue
            if keyword in _ANNOTATIONS:
                continue
            if keyword == "$ref":
                if value in refs:
                    raise SchemaCompileError(f"recursive $ref {value!r} is not supported")
                lines += self.emit(self._resolve(value), var, path, (*refs, value))
            elif keyword == "type":
                if value not in _GUARDS:
                    raise SchemaCompileError(f"unsupported type {value!r} at {path}")
                lines.append(f"if not {guard(value)}: return {where} + ': expected {value}'")
            elif keyword == "properties":
                inner: list[str] = []
                for key, sub in value.items():
                    item = self._var()
                    inner.append(f"if {key!r} in {var}:")
                    inner.append(f"    {item} = {var}[{key!r}]")
                    inner += ["    " + line for line in self.emit(sub, item, f"{path}/{key}", refs)]
                lines += _guarded(inner, known == "object", guard("object"))
            elif keyword == "required":
                inner = [
                    f"if {k!r} not in {var}: return {path + '/' + k!r} + ': required'"
                    for k in value
                ]
                lines += _guarded(inner, known == "object", guard("object"))
            elif keyword == "items":
                item = self._var()
                inner = [f"for {item} in {var}:"]
                inner += ["    " + line for line in self.emit(value, item, f"{path}/*", refs)]
                lines += _guarded(inner, known == "array", guard("array"))
            elif keyword in ("minItems", "maxItems", "maxLength", "minLength"):
                kind = "array" if keyword.endswith("Items") else "string"
                op = "<" if keyword.startswith("min") else ">"
                check = (
                    f"if len({var}) {op} {int(value)}: return {where} + ': {keyword} {int(value)}'"
                )
                lines += _guarded([check], known == kind, guard(kind))
            elif keyword == "minimum":
                check = f"if {var} < {value!r}: return {where} + ': below {value}'"
                lines += _guarded([check], known in ("integer", "number"), guard("number"))
            elif keyword == "pattern":
                regex = self._const(re.compile(value))
                failure = f"return {where} + ': does not match ' + {value!r}"
                check = f"if not {regex}.search({var}): {failure}"
                lines += _guarded([check], known == "string", guard("string"))
            elif keyword == "format":
                if value not in _FORMATS:
                    raise SchemaCompileError(f"unsupported format {value!r} at {path}")
                check = f"if not {_FORMATS[value]}({var}): return {where} + ': not a {value}'"
                lines += _guarded([check], known == "string", guard("string"))
            elif keyword in ("oneOf", "anyOf"):
                count = " + ".join(self._branch(sub, var, path) for sub in value)
                test = f"({count}) != 1" if keyword == "oneOf" else f"({count}) == 0"
                lines.append(f"if {test}: return {where} + ': fails {keyword}'")
            else:
                raise SchemaCompileError(f"unsupported schema keyword {keyword!r} at {path or '/'}")
        return lines

    def _branch(self, schema: dict[str, Any], var: str, path: str) -> str:
        """An expression that is 1 when ``var`` passes ``schema``, else 0."""
        keywords = [k for k in schema if k not in _ANNOTATIONS]
        if keywords == ["required"]:  # inline the common case: a list of required members
            return "(" + " and ".join(f"{k!r} in {var}" for k in schema["required"]) + ")"
        return f"({self.function(schema, path)}({var}) is None)"


def _guarded(lines: list[str], type_known: bool, guard: str) -> list[str]:
    """``lines``, under ``if <guard>:`` unless an earlier type check already ensures it."""
    if type_known:
        return lines
    return [f"if {guard}:", *("    " + line for line in lines)]


def _is_date(text: str) -> bool:
    if not _DATE_RE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_date_time(text: str) -> bool:
    match = _DATE_TIME_RE.match(text)
    if not match or not _is_date(match.group(1)):
        return False
    hour, minute, second = (int(match.group(i)) for i in (2, 3, 4))
    return hour < 24 and minute < 60 and second <= 60
