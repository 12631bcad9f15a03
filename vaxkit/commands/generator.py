"""``vaxkit new`` and ``vaxkit upgrade``: generate a national deployment, and keep it current."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from vaxkit.generator.bake import bake
from vaxkit.generator.context import default_slug, default_vaxkit_source, load_checked_profile
from vaxkit.generator.errors import GeneratorError
from vaxkit.generator.upgrade import Action, UpgradeReport, upgrade

_COLOURS = {
    Action.added: "green",
    Action.updated: "cyan",
    Action.merged: "cyan",
    Action.removed: "yellow",
    Action.conflict: "red",
    Action.kept: "white",
}


def _fail(exc: GeneratorError) -> NoReturn:
    click.secho(f"error [{exc.code}]", fg="red", err=True)
    click.echo(str(exc), err=True)
    sys.exit(1)


def _progress(message: str) -> None:
    click.secho(f"==> {message}", fg="cyan", err=True)


@click.command("new")
@click.argument("profile", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output-dir",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder in which the project's folder is created.",
)
@click.option("--name", "slug", help="Folder and deployment name (default: <code>-vaccination).")
@click.option(
    "--vaxkit-source",
    help="Where the project installs vaxkit from: a folder (default: this checkout), a "
    "requirement such as vaxkit==0.1.0, or a Git URL. Recorded in requirements.txt.",
)
@click.option("--template", type=click.Path(file_okay=False), help="Another template folder.")
@click.option(
    "--no-input", is_flag=True, help="Do not ask; use the defaults for what is not given."
)
def new(
    profile: str,
    output_dir: str,
    slug: str | None,
    vaxkit_source: str | None,
    template: str | None,
    no_input: bool,
) -> None:
    """Generate the deployment project of the country described by PROFILE."""
    try:
        if not no_input:
            # Validate before asking anything: an invalid profile stops here with its messages.
            load_checked_profile(profile)
            slug = slug or click.prompt("Folder name", default=default_slug(profile))
            vaxkit_source = vaxkit_source or click.prompt(
                "Install vaxkit from", default=default_vaxkit_source()
            )
        result = bake(
            profile,
            output_dir,
            slug=slug,
            vaxkit_source=vaxkit_source,
            template=template,
            progress=_progress,
        )
    except GeneratorError as exc:
        _fail(exc)
    project = result.project_dir
    click.secho(f"Generated {project} ({result.files} files, {result.seconds:.1f} s).", fg="green")
    click.echo("Next:")
    click.echo(f"  cd {project}")
    click.echo("  python3 run.py          # serve it locally")
    click.echo("  python3 run.py test     # run its tests")


@click.command("upgrade")
@click.argument("project", default=".", type=click.Path(file_okay=False, exists=True))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--diff", "show_diff", is_flag=True, help="Also print the changes line by line.")
@click.option("--template", type=click.Path(file_okay=False), help="Another template folder.")
def upgrade_command(project: str, dry_run: bool, show_diff: bool, template: str | None) -> None:
    """Merge the current vaxkit template into a generated PROJECT, keeping its own changes.

    Exits 1 when a file has conflicts (marked in the file as Git does), 0 otherwise.
    """
    try:
        _progress(
            f"rendering the template again with the answers in {Path(project) / '.vaxkit.json'}"
        )
        report = upgrade(project, template=template, dry_run=dry_run)
    except GeneratorError as exc:
        _fail(exc)
    _print_report(report, show_diff)
    sys.exit(1 if report.conflicts else 0)


def _print_report(report: UpgradeReport, show_diff: bool) -> None:
    click.echo(
        f"vaxkit {report.from_version} -> {report.to_version}; "
        f"template {report.from_template[7:19]} -> {report.to_template[7:19]}"
    )
    if report.up_to_date or not report.changes:
        click.secho("Nothing to change: the project has every change of the template.", fg="green")
        return
    width = max(len(str(c.action)) for c in report.changes)
    for change in report.changes:
        label = click.style(f"{change.action:<{width}}", fg=_COLOURS[change.action])
        reason = f"  ({change.reason})" if change.reason else ""
        click.echo(f"  {label}  {change.path}{reason}")
        if show_diff and change.diff:
            click.echo(change.diff, nl=False)
    verb = "would change" if report.dry_run else "changed"
    changed = [c for c in report.changes if c.action is not Action.kept]
    click.echo(f"{len(changed)} file(s) {verb}.")
    if report.conflicts:
        click.secho(
            f"{len(report.conflicts)} file(s) have conflicts: edit the marked regions "
            "(<<<<<<< ... >>>>>>>), then run the tests.",
            fg="red",
        )


commands = [new, upgrade_command]
