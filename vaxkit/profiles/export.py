"""JSON Schema of the profile format, for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from vaxkit.profiles.schema import SCHEMA_VERSION, Profile

SCHEMA_ID = f"https://vaxkit.example/schemas/country-profile-v{SCHEMA_VERSION}.json"


def json_schema() -> dict[str, Any]:
    """The profile's JSON Schema (draft 2020-12), generated from the typed model."""
    schema = Profile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "vaxkit country profile"
    schema.setdefault("properties", {})["extends"] = {
        "type": "string",
        "description": "Another profile file this one inherits from (relative path); mappings "
        "merge key by key, lists and scalars replace the parent's.",
    }
    return schema


def json_schema_text() -> str:
    """The JSON Schema as stable, indented text."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
