"""``vaxkit profile ...``: validate, show, compare, list, export and bootstrap country profiles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from vaxkit.commands.preview import preview_command
from vaxkit.profiles.bootstrap import BootstrapError, bootstrap_yaml
from vaxkit.profiles.diff import diff_profiles
from vaxkit.profiles.export import json_schema_text
from vaxkit.profiles.issues import ProfileError
from vaxkit.profiles.loader import load_profile, load_profile_detailed
from vaxkit.profiles.reference import reference_markdown
from vaxkit.profiles.schema import Profile
from vaxkit.profiles.summary import summarize

DEFAULT_DIR = Path("country_profiles")


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _load_or_exit(path: str) -> Profile:
    try:
        return load_profile(path)
    except ProfileError as exc:
        click.echo(exc.format(), err=True)
        sys.exit(1)


@click.group("profile")
def profile_group() -> None:
    """Country profiles: the one file in which a country describes itself."""


@profile_group.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings and open TODOs as errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the issues as JSON.")
def validate(paths: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Check profiles; exit 1 if any has an error."""
    failed = False
    report = []
    for path in paths:
        try:
            loaded = load_profile_detailed(path, strict=strict)
            issues = list(loaded.warnings)
            ok = True
        except ProfileError as exc:
            issues = exc.issues
            ok = False
            failed = True
        report.append({"path": path, "valid": ok, "issues": [i.as_dict() for i in issues]})
        if as_json:
            continue
        for issue in issues:
            click.echo(issue.format(), err=not ok)
        click.secho(f"{path}: {'valid' if ok else 'INVALID'}", fg="green" if ok else "red")
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@profile_group.command("show")
@click.argument("path", type=click.Path(dir_okay=False))
def show(path: str) -> None:
    """Print a readable summary of a profile."""
    click.echo(summarize(_load_or_exit(path)))


@profile_group.command("diff")
@click.argument("a", type=click.Path(dir_okay=False))
@click.argument("b", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
def diff(a: str, b: str, as_json: bool) -> None:
    """Show what changes from profile A to profile B (exit 0 either way)."""
    changes = diff_profiles(_load_or_exit(a), _load_or_exit(b))
    if as_json:
        click.echo(
            json.dumps(
                [_change(c) for c in changes],
                indent=2,
                ensure_ascii=False,
                default=str,
            )
        )
        return
    if not changes:
        click.echo("no differences")
    for change in changes:
        click.echo(change.format())


def _change(c: object) -> dict[str, object]:
    return {k: getattr(c, k) for k in ("path", "kind", "before", "after")}


@profile_group.command("list")
@click.argument("folder", required=False, type=click.Path(file_okay=False))
def list_profiles(folder: str | None) -> None:
    """List the profiles in a folder (default: country_profiles/) with their status."""
    base = Path(folder) if folder else DEFAULT_DIR
    files = sorted(base.glob("*.yaml"))
    if not files:
        click.echo(f"no profiles in {base}", err=True)
        sys.exit(1)
    for path in files:
        try:
            loaded = load_profile_detailed(path)
        except ProfileError as exc:
            click.echo(f"{path.name:<16} INVALID ({len(exc.errors)} errors)")
            continue
        p = loaded.profile
        todo = f", {len(p.todo)} TODO" if p.todo else ""
        formats = ",".join(f.value for f in p.certificates.formats)
        click.echo(
            f"{path.name:<16} {p.code:<6} {p.text(p.country.names, 'en'):<24} "
            f"{','.join(p.languages.supported):<40} {formats}{todo}"
        )


@profile_group.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
def schema(output: str | None) -> None:
    """Print the profile format as JSON Schema."""
    _write(json_schema_text(), output)


@profile_group.command("reference")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
def reference(output: str | None) -> None:
    """Print the profile reference page (Markdown) generated from the schema."""
    _write(reference_markdown(), output)


@profile_group.command("bootstrap")
@click.option("--country", "country", required=True, help="ISO 3166-1 alpha-2 code, e.g. KE.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def bootstrap(country: str, output: str | None, force: bool) -> None:
    """Write a starter profile for any country from CLDR, ISO and phone-numbering data."""
    try:
        text = bootstrap_yaml(country)
    except BootstrapError as exc:
        raise click.UsageError(str(exc)) from None
    if output and Path(output).exists() and not force:
        raise click.UsageError(f"{output} exists; pass --force to overwrite it")
    _write(text, output)


# The preview (vaxkit.preview) lives in its own module; it belongs under `vaxkit profile`.
profile_group.add_command(preview_command)

commands = [profile_group]
