"""Load a country profile: YAML -> ``extends:`` merge -> schema -> cross-field checks.

Profiles are parsed once, here, at the boundary (DESIGN.md house rule 1). Everything that goes wrong
becomes an :class:`~vaxkit.profiles.issues.Issue` with a position, and all issues of a file are
reported together in one :class:`~vaxkit.profiles.issues.ProfileError`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from vaxkit.profiles import schema_errors
from vaxkit.profiles.checks import run_checks
from vaxkit.profiles.issues import Issue, ProfileError, Severity
from vaxkit.profiles.schema import Profile
from vaxkit.profiles.yaml_source import SourceMap, YamlSourceError, read_yaml

MAX_EXTENDS_DEPTH = 8


@dataclass(frozen=True)
class LoadedProfile:
    """A valid profile with where it came from and any warnings."""

    profile: Profile
    path: FsPath | None
    warnings: tuple[Issue, ...]
    data: dict[str, Any]
    """The merged raw mapping (after ``extends:``), as written in YAML."""
    source: SourceMap


def load_profile(path: str | FsPath, *, strict: bool = False) -> Profile:
    """Load and validate the profile at ``path``; raise :class:`ProfileError` on any error.

    With ``strict``, warnings (remaining TODOs, missing translations) are errors too.
    """
    return load_profile_detailed(path, strict=strict).profile


def load_profile_text(
    text: str,
    name: str = "<profile>",
    *,
    base_dir: str | FsPath | None = None,
    strict: bool = False,
) -> Profile:
    """Load a profile from YAML text (``extends:`` resolves against ``base_dir``)."""
    base = FsPath(base_dir) if base_dir is not None else FsPath.cwd()
    data, source = _read_with_extends(text, name, base, chain=())
    return _validate(data, source, base, None, strict).profile


def load_profile_detailed(path: str | FsPath, *, strict: bool = False) -> LoadedProfile:
    """Like :func:`load_profile`, also returning warnings, merged data and positions."""
    path = FsPath(path)
    text = _read_file(path, str(path))
    data, source = _read_with_extends(text, str(path), path.parent, chain=(path.resolve(),))
    return _validate(data, source, path.parent, path, strict)


def _read_file(path: FsPath, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError([Issue("file.not_found", f"no such profile file: {shown}")]) from None
    except IsADirectoryError:
        raise ProfileError(
            [Issue("file.not_found", f"{shown} is a folder; give a profile's .yaml file")]
        ) from None
    except UnicodeDecodeError as exc:
        raise ProfileError(
            [Issue("file.encoding", f"{shown} is not UTF-8 text (byte {exc.start})")]
        ) from None
    except OSError as exc:
        raise ProfileError(
            [Issue("file.unreadable", f"cannot read {shown}: {exc.strerror}")]
        ) from None


def _read_with_extends(
    text: str, name: str, base: FsPath, chain: tuple[FsPath, ...]
) -> tuple[dict[str, Any], SourceMap]:
    try:
        data, source = read_yaml(text, name)
    except YamlSourceError as exc:
        raise ProfileError(exc.issues) from None
    if data is None:
        raise ProfileError([Issue("yaml.empty", f"{name} is empty: a profile is a YAML mapping")])
    if not isinstance(data, dict):
        raise ProfileError(
            [
                Issue(
                    "yaml.not_mapping",
                    "a profile must be a mapping of keys to values",
                    location=source.locate(()),
                    found=type(data).__name__,
                )
            ]
        )
    parent_ref = data.pop("extends", None)
    if parent_ref is None:
        return data, source
    location = source.locate(("extends",))
    if not isinstance(parent_ref, str):
        raise ProfileError(
            [
                Issue(
                    "extends.type",
                    "extends must name one profile file",
                    path=("extends",),
                    location=location,
                    found=repr(parent_ref),
                )
            ]
        )
    parent_path = (base / parent_ref).resolve()
    if parent_path in chain or len(chain) > MAX_EXTENDS_DEPTH:
        raise ProfileError(
            [
                Issue(
                    "extends.cycle",
                    "profiles extend each other in a circle",
                    path=("extends",),
                    location=location,
                    found=" -> ".join(p.name for p in (*chain, parent_path)),
                )
            ]
        )
    if not parent_path.is_file():
        raise ProfileError(
            [
                Issue(
                    "extends.not_found",
                    f"the profile to extend, '{parent_ref}', does not exist",
                    path=("extends",),
                    location=location,
                    hint=f"paths are relative to the profile's folder ({base})",
                )
            ]
        )
    parent_text = _read_file(parent_path, parent_ref)
    parent_data, parent_source = _read_with_extends(
        parent_text, str(parent_path), parent_path.parent, (*chain, parent_path)
    )
    merged = deep_merge(parent_data, data)
    parent_source.update(source)
    return merged, parent_source


def deep_merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; lists and scalars in ``child`` replace the parent's."""
    result = copy.deepcopy(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def _validate(
    data: dict[str, Any], source: SourceMap, base: FsPath, path: FsPath | None, strict: bool
) -> LoadedProfile:
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(schema_errors.to_issues(exc, data, source)) from None
    issues = list(run_checks(profile, base_dir=base, source=source))
    if strict:
        issues = [
            Issue(**{**_fields(i), "severity": Severity.error})
            if i.severity is Severity.warning
            else i
            for i in issues
        ]
    if any(i.severity is Severity.error for i in issues):
        raise ProfileError(issues)
    return LoadedProfile(profile, path, tuple(issues), data, source)


def _fields(issue: Issue) -> dict[str, Any]:
    return {name: getattr(issue, name) for name in Issue.__slots__}
