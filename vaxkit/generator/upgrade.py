"""``vaxkit upgrade``: bring a new template into a generated project without a manual merge.

The template is rendered again, with the answers recorded in ``.vaxkit.json`` and the project's
own ``profile.yaml``, into a temporary folder. Each file is then merged three ways: the recorded
previous render (``.vaxkit-base/``) is the common ancestor, the project's file is one side and
the new render the other. The country's own files (``profile.yaml``, ``overrides/``, the logo)
are never changed; a template file they do not have yet is added.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath

from vaxkit.generator.bake import render
from vaxkit.generator.context import load_checked_profile
from vaxkit.generator.errors import GeneratorError
from vaxkit.generator.merge import merge3
from vaxkit.generator.record import (
    BASE_DIR,
    RECORD_FILE,
    base_files,
    project_files,
    read_record,
)

COUNTRY_OWNED = ("profile.yaml", "overrides/")


class Action(StrEnum):
    added = "added"
    updated = "updated"
    merged = "merged"
    removed = "removed"
    conflict = "conflict"
    kept = "kept"


@dataclass(frozen=True)
class FileChange:
    path: str
    action: Action
    reason: str = ""
    diff: str = ""
    """Unified diff of the project's file, before and after."""


@dataclass(frozen=True)
class UpgradeReport:
    project_dir: Path
    from_version: str
    to_version: str
    from_template: str
    to_template: str
    dry_run: bool
    changes: list[FileChange] = field(default_factory=list)

    @property
    def conflicts(self) -> list[FileChange]:
        return [c for c in self.changes if c.action is Action.conflict]

    @property
    def up_to_date(self) -> bool:
        return not self.changes and self.from_template == self.to_template


def upgrade(
    project_dir: str | Path,
    *,
    template: str | Path | None = None,
    dry_run: bool = False,
) -> UpgradeReport:
    """Merge the current template into the project at ``project_dir``.

    Raises :class:`GeneratorError`: ``upgrade.not_a_project``, ``upgrade.bad_record``,
    ``upgrade.no_base`` (``.vaxkit-base/`` missing), ``generator.profile_invalid`` (the project's
    ``profile.yaml``), ``generator.render_failed``.
    """
    project = Path(project_dir).expanduser().resolve()
    record = read_record(project)
    if not (project / BASE_DIR).is_dir():
        raise GeneratorError(
            "upgrade.no_base",
            f"{project / BASE_DIR} is missing: without the previous render the project's edits "
            "cannot be told from the template's. Restore it from version control.",
        )
    profile_path = project / record.answers.profile
    loaded = load_checked_profile(profile_path)
    owned = _country_owned(loaded.profile.branding.logo)
    with tempfile.TemporaryDirectory(prefix="vaxkit-upgrade-") as scratch:
        new = render(
            profile_path,
            Path(scratch),
            slug=record.answers.project_slug,
            vaxkit_source=record.answers.vaxkit_source,
            template=template,
        )
        new_record = read_record(new)
        changes = _merge_tree(project, project / BASE_DIR, new, owned, dry_run=dry_run)
        if not dry_run:
            shutil.rmtree(project / BASE_DIR)
            shutil.copytree(new / BASE_DIR, project / BASE_DIR)
            shutil.copyfile(new / RECORD_FILE, project / RECORD_FILE)
    return UpgradeReport(
        project_dir=project,
        from_version=record.vaxkit_version,
        to_version=new_record.vaxkit_version,
        from_template=record.template_hash,
        to_template=new_record.template_hash,
        dry_run=dry_run,
        changes=changes,
    )


def _country_owned(logo: str | None) -> tuple[str, ...]:
    if logo and not PurePosixPath(logo).is_absolute() and ".." not in PurePosixPath(logo).parts:
        return (*COUNTRY_OWNED, PurePosixPath(logo).as_posix())
    return COUNTRY_OWNED


def _is_owned(path: str, owned: tuple[str, ...]) -> bool:
    return any(path == o or (o.endswith("/") and path.startswith(o)) for o in owned)


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _merge_tree(
    project: Path, base: Path, new: Path, owned: tuple[str, ...], *, dry_run: bool
) -> list[FileChange]:
    changes: list[FileChange] = []
    for path in sorted(set(base_files(project)) | set(project_files(new))):
        b, c, n = _read(base / path), _read(project / path), _read(new / path)
        if n == b or c == n:
            continue  # the template did not change it, or the project has it already
        if _is_owned(path, owned):
            if c is None and n is not None:
                changes.append(_write(project, new, path, c, n, Action.added, dry_run=dry_run))
            else:
                changes.append(FileChange(path, Action.kept, "the country's own file"))
            continue
        if c == b:
            action = (
                Action.removed if n is None else (Action.added if c is None else Action.updated)
            )
            changes.append(_write(project, new, path, c, n, action, dry_run=dry_run))
        elif c is None:
            changes.append(FileChange(path, Action.kept, "deleted in the project; not restored"))
        elif n is None:
            changes.append(
                FileChange(
                    path, Action.kept, "removed from the template but changed in the project"
                )
            )
        else:
            changes.append(_merge_file(project, new, path, b, c, n, dry_run=dry_run))
    return changes


def _merge_file(
    project: Path, new: Path, path: str, b: bytes | None, c: bytes, n: bytes, *, dry_run: bool
) -> FileChange:
    try:
        texts = [(x or b"").decode("utf-8") for x in (b, c, n)]
    except UnicodeDecodeError:
        return FileChange(path, Action.conflict, "binary file changed in both; kept the project's")
    result = merge3(*texts, theirs_label="template (vaxkit upgrade)")
    merged = result.text.encode("utf-8")
    action = Action.merged if result.clean else Action.conflict
    reason = "" if result.clean else f"{result.conflicts} conflicting region(s) marked in the file"
    change = _write(project, new, path, c, merged, action, dry_run=dry_run)
    return FileChange(path, action, reason, change.diff)


def _write(
    project: Path,
    new: Path,
    path: str,
    before: bytes | None,
    after: bytes | None,
    action: Action,
    *,
    dry_run: bool,
) -> FileChange:
    diff = _diff(path, before, after)
    if not dry_run:
        target = project / path
        if after is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(after)
            if (new / path).exists():
                shutil.copymode(new / path, target)
    return FileChange(path, action, diff=diff)


def _diff(path: str, before: bytes | None, after: bytes | None) -> str:
    try:
        old = (before or b"").decode("utf-8").splitlines(keepends=True)
        new = (after or b"").decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return f"Binary file {path} changed\n"
    lines = difflib.unified_diff(
        old,
        new,
        fromfile=f"a/{path}" if before is not None else "/dev/null",
        tofile=f"b/{path}" if after is not None else "/dev/null",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
