"""``vaxkit i18n ...``: translation catalogs of every language of the shipped profiles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from vaxkit.i18n import catalogs


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(catalogs.ROOT))
    except ValueError:
        return str(path)


def _languages(selected: tuple[str, ...]) -> list[str]:
    known = catalogs.shipped_languages()
    unknown = sorted(set(selected) - set(known))
    if unknown:
        raise click.BadParameter(
            f"not a language of any shipped profile: {', '.join(unknown)} "
            f"(known: {', '.join(known)})",
            param_hint="--language",
        )
    return list(selected) or known


@click.group("i18n")
def i18n_group() -> None:
    """Translation catalogs (locales/<lang>/LC_MESSAGES/django.po), with Babel."""


@i18n_group.command("status")
@click.option("--language", "-l", "selected", multiple=True, help="Only these languages.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--require-citizen",
    is_flag=True,
    help="Exit 1 unless every language covers the citizen pages completely.",
)
def status(selected: tuple[str, ...], as_json: bool, require_citizen: bool) -> None:
    """Translation coverage per language: overall and for the citizen pages."""
    template = catalogs.extract()
    rows = [catalogs.coverage(language, template) for language in _languages(selected)]
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "language": r.language,
                        "translated": r.translated,
                        "total": r.total,
                        "percent": round(r.percent, 1),
                        "citizen_translated": r.citizen_translated,
                        "citizen_total": r.citizen_total,
                        "citizen_percent": round(r.citizen_percent, 1),
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
    else:
        click.echo(f"{'language':<10}{'overall':>18}{'citizen pages':>22}")
        for r in rows:
            colour = "green" if r.citizen_percent >= 100 else "red"
            click.secho(
                f"{r.language:<10}{r.translated:>6}/{r.total:<5}{r.percent:>6.1f}%"
                f"{r.citizen_translated:>10}/{r.citizen_total:<5}{r.citizen_percent:>6.1f}%",
                fg=colour,
            )
    if require_citizen and any(r.citizen_percent < 100 for r in rows):
        sys.exit(1)


@i18n_group.command("update")
@click.option("--language", "-l", "selected", multiple=True, help="Only these languages.")
def update(selected: tuple[str, ...]) -> None:
    """Extract the messages and bring every profile language's catalog up to date."""
    for path in catalogs.update(_languages(selected)):
        click.echo(f"updated {_shown(path)}")


@i18n_group.command("compile")
def compile_command() -> None:
    """Compile the catalogs to the .mo files Django reads (only those that changed)."""
    written = catalogs.compile_catalogs()
    for path in written:
        click.echo(f"compiled {_shown(path)}")
    click.echo(f"{len(written)} catalog(s) compiled", err=True)


commands = [i18n_group]
