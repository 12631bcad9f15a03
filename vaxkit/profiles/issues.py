"""Problems found in a profile, located by file, line, column and field path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

Path = tuple[str | int, ...]


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value sits in a YAML file (1-based line and column)."""

    file: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem, written for a consultant rather than a programmer."""

    code: str
    """Stable identifier such as ``yaml.syntax``, ``field.unknown``, ``vaccine.interval_order``."""
    message: str
    path: Path = ()
    location: Location | None = None
    expected: str | None = None
    found: str | None = None
    hint: str | None = None
    severity: Severity = Severity.error

    def format(self) -> str:
        """The issue as ``file:line:col: error [code] path: message`` plus indented details."""
        where = self.location
        prefix = f"{where.file}:{where.line}:{where.column}: " if where else ""
        field = f"{format_path(self.path)}: " if self.path else ""
        lines = [f"{prefix}{self.severity} [{self.code}] {field}{self.message}"]
        if self.expected is not None:
            lines.append(f"    expected: {self.expected}")
        if self.found is not None:
            lines.append(f"    found:    {self.found}")
        if self.hint:
            lines.append(f"    hint:     {self.hint}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form for ``--json`` output and the web preview."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "path": format_path(self.path),
            "file": self.location.file if self.location else None,
            "line": self.location.line if self.location else None,
            "column": self.location.column if self.location else None,
            "expected": self.expected,
            "found": self.found,
            "hint": self.hint,
        }


def format_path(path: Path) -> str:
    """``("vaccines", 0, "intervals")`` -> ``vaccines[0].intervals``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class ProfileError(Exception):
    """A profile could not be loaded; ``issues`` lists every problem found."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues = sorted(
            issues,
            key=lambda i: (
                i.location.file if i.location else "",
                i.location.line if i.location else 0,
                i.location.column if i.location else 0,
            ),
        )
        super().__init__(self.format())

    @property
    def errors(self) -> list[Issue]:
        """Only the issues of severity ``error``."""
        return [i for i in self.issues if i.severity is Severity.error]

    def format(self) -> str:
        """All issues, then a count."""
        body = "\n".join(issue.format() for issue in self.issues)
        errors = len(self.errors)
        warnings = len(self.issues) - errors
        summary = f"{errors} error{'s' if errors != 1 else ''}"
        if warnings:
            summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
        return f"{body}\n{summary}"
