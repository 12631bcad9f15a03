"""``vaxkit id``: check identity-document numbers and list the check rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import click

from vaxkit.identity import IdNumberError, check_document, get_rule, rules
from vaxkit.profiles.issues import ProfileError
from vaxkit.profiles.loader import load_profile
from vaxkit.profiles.schema import IdDocument, Profile

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


@click.group("id")
def id_group() -> None:
    """Identity documents: check numbers, list the check rules."""


@id_group.command("check")
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Country profile (YAML) whose document types to use.",
)
@click.option("--type", "doc_type", help="Document type code in the profile (e.g. aadhaar).")
@click.option("--rule", "rule_name", help="Check against a rule directly (e.g. in.aadhaar).")
@click.option("--pattern", help="With --rule: an extra regular expression to match.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.argument("number")
def check_command(
    profile_path: Path | None,
    doc_type: str | None,
    rule_name: str | None,
    pattern: str | None,
    as_json: bool,
    number: str,
) -> None:
    """Check NUMBER as a document of --type in --profile (or against --rule).

    Exit status: 0 valid, 1 invalid, 2 usage error.
    """
    doc = _document(profile_path, doc_type, rule_name, pattern, as_json)
    try:
        checked = check_document(doc, number)
    except IdNumberError as exc:
        if exc.code in ("id.unknown_rule", "id.bad_pattern", "id.pattern_missing"):
            _usage_error(exc.message + (f" {exc.hint}" if exc.hint else ""), as_json)
        result = {"valid": False, "type": doc.code, "rule": doc.validator, **exc.as_dict()}
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
        else:
            click.echo("invalid")
            click.echo(f"  reason:     {exc.message} [{exc.code}]")
            if exc.hint:
                click.echo(f"  hint:       {exc.hint}")
        raise SystemExit(EXIT_INVALID) from None
    if as_json:
        payload = {
            "valid": True,
            "type": checked.document,
            "rule": checked.rule,
            "normalised": checked.normalised,
            "display": checked.display,
            "masked": checked.masked,
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
    else:
        click.echo("valid")
        click.echo(f"  type:       {checked.document} (rule {checked.rule})")
        click.echo(f"  normalised: {checked.normalised}")
        click.echo(f"  display:    {checked.display}")
        click.echo(f"  masked:     {checked.masked}")


@id_group.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Print the rules as JSON.")
def rules_command(as_json: bool) -> None:
    """List the identity check rules profiles can name in `validator:`."""
    infos = rules()
    if as_json:
        data = [
            {**info.as_dict(), "invalid_example": get_rule(name).invalid_example()}
            for name, info in infos.items()
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    width = max(len(name) for name in infos)
    for name, info in infos.items():
        click.echo(f"{name:<{width}}  {info.summary}")
        click.echo(f"{'':<{width}}  example: {info.display_example}")


def _document(
    profile_path: Path | None,
    doc_type: str | None,
    rule_name: str | None,
    pattern: str | None,
    as_json: bool,
) -> IdDocument:
    if rule_name is not None:
        if profile_path is not None or doc_type is not None:
            _usage_error("Give either --rule, or --profile with --type, not both.", as_json)
        return IdDocument(
            code=rule_name.replace(".", "_").lower(),
            labels={"en": rule_name},
            validator=rule_name,
            pattern=pattern,
        )
    if profile_path is None or doc_type is None:
        _usage_error("Give --profile and --type (or --rule).", as_json)
    profile = _load(profile_path, as_json)
    try:
        return profile.id_document(doc_type)
    except KeyError:
        known = ", ".join(doc.code for doc in profile.id_documents)
        _usage_error(f"Unknown document type '{doc_type}'. Known types: {known}.", as_json)


def _load(path: Path, as_json: bool) -> Profile:
    try:
        return load_profile(path)
    except ProfileError as exc:
        if as_json:
            issues = [issue.as_dict() for issue in exc.issues]
            click.echo(json.dumps({"error": "profile.invalid", "issues": issues}))
        else:
            click.echo(exc.format(), err=True)
        raise SystemExit(EXIT_USAGE) from None


def _usage_error(message: str, as_json: bool) -> NoReturn:
    if as_json:
        click.echo(json.dumps({"error": "usage", "message": message}, ensure_ascii=False))
    else:
        click.echo(f"Error: {message}", err=True)
    raise SystemExit(EXIT_USAGE)


commands = [id_group]
