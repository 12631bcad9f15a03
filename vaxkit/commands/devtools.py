"""``vaxkit test``: the project's whole check suite (lint, format, tests) in one command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

import vaxkit

ROOT = Path(vaxkit.__file__).resolve().parent.parent


def _run(step: str, argv: list[str]) -> int:
    click.secho(f"==> {step}: {' '.join(argv)}", fg="cyan", err=True)
    return subprocess.run(argv, cwd=ROOT, check=False).returncode  # noqa: S603


@click.command("test", context_settings={"ignore_unknown_options": True})
@click.option("--no-lint", is_flag=True, help="Skip ruff (lint and format check).")
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def test(no_lint: bool, pytest_args: tuple[str, ...]) -> None:
    """Run ruff and the whole test suite of a vaxkit checkout (extra arguments go to pytest)."""
    if not (ROOT / "tests").is_dir():
        raise click.UsageError("vaxkit test runs from a source checkout (no tests/ folder here)")
    python = sys.executable
    if not no_lint:
        for step, argv in (
            ("lint", [python, "-m", "ruff", "check", "."]),
            ("format", [python, "-m", "ruff", "format", "--check", "."]),
        ):
            if _run(step, argv):
                sys.exit(1)
    from vaxkit.i18n.catalogs import compile_catalogs

    compile_catalogs()
    env_note = os.environ.get("DATABASE_URL") or "embedded PostgreSQL (no DATABASE_URL set)"
    click.secho(f"==> database: {env_note}", fg="cyan", err=True)
    sys.exit(_run("tests", [python, "-m", "pytest", *pytest_args]))


commands = [test]
