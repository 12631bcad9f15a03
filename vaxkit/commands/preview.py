"""``vaxkit profile preview``: write a profile's one-page HTML preview."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vaxkit.preview import PreviewError, build_preview


@click.command("preview", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the page to this file (default: <profile name>-preview.html).",
)
def preview_command(path: str, output: str | None) -> None:
    """Write one self-contained HTML page showing what the profile PATH will do.

    Languages, sample ID numbers and names, the area tree, cohort and dose-schedule charts,
    signed sample certificates (QR, decoded content, PDF), abuse limits and a readiness
    checklist. The page loads nothing from the network.
    """
    try:
        html = build_preview(path)
    except PreviewError as exc:
        click.echo(exc.message, err=True)
        click.secho(f"error [{exc.code}]: no preview written", fg="red", err=True)
        sys.exit(1)
    target = Path(output) if output else Path(f"{Path(path).stem}-preview.html")
    target.write_text(html, encoding="utf-8")
    click.echo(f"wrote {target}")
