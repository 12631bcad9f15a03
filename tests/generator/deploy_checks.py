"""Checking a generated project's deployment files without Docker or a cluster.

Compose files are validated against the Compose Specification's JSON Schema (vendored in
``data/compose-spec/``). Kubernetes manifests are validated against the Kubernetes JSON schemas
of the ``kubernetes-validate`` package, after the overlays have been applied by
``build_kustomization``, which implements the part of kustomize the template uses
(``resources``, ``namespace``, ``images``, ``replicas``, ``labels``) and rejects anything else,
so that a new kustomize feature in the template fails here instead of going unchecked.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml

COMPOSE_SCHEMA = Path(__file__).parent / "data" / "compose-spec" / "compose-spec.json"
SUPPORTED_KUSTOMIZE_KEYS = {
    "apiVersion",
    "kind",
    "resources",
    "namespace",
    "images",
    "replicas",
    "labels",
}
# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}; $$ escapes a dollar.
_INTERPOLATION = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


def compose_errors(document: dict[str, Any]) -> list[str]:
    """Schema violations of a compose document, as readable strings (empty when valid)."""
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    validator = jsonschema.Draft7Validator(schema)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


def compose_variables(text: str) -> dict[str, str | None]:
    """Variables a compose file interpolates: name -> default (None when it has none)."""
    found: dict[str, str | None] = {}
    for name, operator, value in _INTERPOLATION.findall(text):
        default = value if operator in ("-", ":-") else None
        if found.get(name) is None:
            found[name] = default
    return found


def merge_compose(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``docker compose -f base -f override``: mappings merge, other values are replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_compose(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def build_kustomization(folder: Path) -> list[dict[str, Any]]:
    """The manifests ``kubectl kustomize folder`` would print, for the supported subset."""
    spec = yaml.safe_load((folder / "kustomization.yaml").read_text())
    unsupported = set(spec) - SUPPORTED_KUSTOMIZE_KEYS
    if unsupported:
        raise ValueError(f"{folder}: kustomize fields not checked by the tests: {unsupported}")
    documents: list[dict[str, Any]] = []
    for resource in spec.get("resources", []):
        path = (folder / resource).resolve()
        if path.is_dir():
            documents += build_kustomization(path)
        else:
            documents += [d for d in yaml.safe_load_all(path.read_text()) if d]
    for entry in spec.get("labels", []):
        for doc in documents:
            doc.setdefault("metadata", {}).setdefault("labels", {}).update(entry["pairs"])
    if "namespace" in spec:
        for doc in documents:
            if doc["kind"] != "Namespace":
                doc["metadata"]["namespace"] = spec["namespace"]
    for image in spec.get("images", []):
        for container in _containers(documents):
            name, _, tag = container["image"].partition(":")
            if name == image["name"]:
                new_name = image.get("newName", name)
                new_tag = image.get("newTag", tag)
                container["image"] = f"{new_name}:{new_tag}" if new_tag else new_name
    for replica in spec.get("replicas", []):
        targets = [
            d
            for d in documents
            if d["kind"] in ("Deployment", "StatefulSet")
            and d["metadata"]["name"] == replica["name"]
        ]
        if not targets:
            raise ValueError(f"{folder}: replicas for unknown workload {replica['name']}")
        for doc in targets:
            doc["spec"]["replicas"] = replica["count"]
    return documents


def _containers(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for doc in documents:
        pod = doc.get("spec", {}).get("template", {}).get("spec", {})
        found += pod.get("containers", []) + pod.get("initContainers", [])
    return found
