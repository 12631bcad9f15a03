"""The compiled DCC schema validator agrees with a general JSON Schema implementation."""

from __future__ import annotations

import copy
import json
from importlib import resources

import jsonschema
import pytest
from cert_helpers import CONFORMANCE

from vaxkit.certificates.dcc_schema import (
    SchemaCompileError,
    _Compiler,
    schema_version,
    validate_dcc,
)

SCHEMA = json.loads(
    resources.files("vaxkit.certificates")
    .joinpath("data/eu-dcc-schema/DCC.combined-schema.json")
    .read_text()
)
REFERENCE = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
CASES = sorted((CONFORMANCE / "eu-dcc-schema" / "test").glob("*/*.json"))


def test_bundled_schema_is_1_3_x() -> None:
    assert schema_version().startswith("1.3.")


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_project_cases(path) -> None:
    document = json.loads(path.read_text())
    assert (not validate_dcc(document)) == (path.parent.name == "valid")
    assert (not validate_dcc(document)) == REFERENCE.is_valid(document)


def _mutations():
    base = json.loads(
        (CONFORMANCE / "eu-dcc-schema" / "test" / "valid" / "V-min-data.json").read_text()
    )
    edits = [
        ("nam", "fnt", "lower<case"),
        ("nam", "gnt", "X" * 81),
        ("nam", "fn", 7),
        ("dob", None, "2100-01-01"),
        ("dob", None, "1901"),
        ("dob", None, ""),
        ("ver", None, "1.3"),
        ("v", "dn", 0),
        ("v", "sd", "2"),
        ("v", "dt", "2021-02-30"),
        ("v", "dt", "2021-02-28"),
        ("v", "co", "vn"),
        ("v", "is", "I" * 81),
        ("v", "ci", "C" * 80),
        ("v", "tg", None),
        ("v", "dn", True),
        ("v", "dn", 2.0),
    ]
    for top, key, value in edits:
        document = copy.deepcopy(base)
        target = document[top][0] if top == "v" else document[top] if key else document
        if value is None:
            del target[key]
        else:
            target[key if key else top] = value
        yield pytest.param(document, id=f"{top}.{key}={value!r}"[:40])
    both = copy.deepcopy(base)
    both["r"] = [
        {
            "tg": "840539006",
            "fr": "2021-01-01",
            "co": "VN",
            "is": "X",
            "df": "2021-01-01",
            "du": "2021-06-01",
            "ci": "C",
        }
    ]
    yield pytest.param(both, id="two-groups")


@pytest.mark.parametrize("document", list(_mutations()))
def test_mutations_agree_with_jsonschema(document) -> None:
    assert (not validate_dcc(document)) == REFERENCE.is_valid(document)


def test_unknown_keywords_are_refused() -> None:
    with pytest.raises(SchemaCompileError):
        _Compiler({"type": "object", "additionalProperties": False}).build()
