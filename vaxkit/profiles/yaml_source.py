"""Read YAML into plain data while remembering where every key and value came from.

PyYAML's composer keeps the position of each node; we walk the node tree ourselves so that every
later error (schema or cross-field) can point at ``file:line:column``. Two YAML 1.1 surprises are
removed on the way: only ``true``/``false`` are booleans (Norway's ``NO`` stays a string), and a
duplicated key is an error instead of silently overwriting the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from vaxkit.profiles.issues import Issue, Location, Path


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class SourceMap:
    """Positions of values (``values``) and of mapping keys (``keys``) by path."""

    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Location | None:
        """The position of ``path``, or of its nearest ancestor that has one."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None

    def update(self, other: SourceMap) -> None:
        """Overlay ``other`` (a child profile) on this map."""
        self.values.update(other.values)
        self.keys.update(other.keys)


class YamlSourceError(Exception):
    """The text is not usable YAML; carries the issues found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("; ".join(i.message for i in issues))


def _loc(name: str, mark: yaml.Mark) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


def read_yaml(text: str, name: str) -> tuple[Any, SourceMap]:
    """Parse ``text`` (named ``name`` in messages) into data and its source map."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        hint = None
        if "found character '\\t'" in str(exc) or "\t" in problem:
            hint = "YAML does not allow tabs for indentation; use spaces."
        elif "mapping values are not allowed" in problem:
            hint = "A value that contains ': ' must be quoted."
        raise YamlSourceError(
            [
                Issue(
                    code="yaml.syntax",
                    message=f"YAML syntax error: {problem}"
                    + (f" ({exc.context})" if exc.context else ""),
                    location=_loc(name, mark) if mark else None,
                    hint=hint,
                )
            ]
        ) from None
    source = SourceMap()
    issues: list[Issue] = []
    constructor = _Loader("")
    data = _build(node, (), name, source, issues, constructor) if node is not None else None
    if issues:
        raise YamlSourceError(issues)
    return data, source


def _build(
    node: yaml.Node,
    path: Path,
    name: str,
    source: SourceMap,
    issues: list[Issue],
    constructor: yaml.constructor.SafeConstructor,
) -> Any:
    source.values[path] = _loc(name, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                issues.append(
                    Issue(
                        code="yaml.key",
                        message="keys must be plain words",
                        path=path,
                        location=_loc(name, key_node.start_mark),
                        found=repr(key),
                    )
                )
                continue
            key = str(key)
            if key in result:
                first = source.keys.get((*path, key))
                issues.append(
                    Issue(
                        code="yaml.duplicate_key",
                        message=f"the key '{key}' appears twice",
                        path=(*path, key),
                        location=_loc(name, key_node.start_mark),
                        hint=f"the first '{key}' is on line {first.line}" if first else None,
                    )
                )
                continue
            source.keys[(*path, key)] = _loc(name, key_node.start_mark)
            result[key] = _build(value_node, (*path, key), name, source, issues, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, index), name, source, issues, constructor)
            for index, item in enumerate(node.value)
        ]
    return constructor.construct_object(node, deep=True)
