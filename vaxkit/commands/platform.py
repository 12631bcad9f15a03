"""``vaxkit tenant ...`` and ``vaxkit demo``: adapters over the platform's services."""

from __future__ import annotations

import json
import sys

import click

from vaxkit.platform.actors import System

ACTOR = System("cli")


def _django() -> None:
    from vaxkit.platform.bootstrap import migrate_shared, setup_django

    setup_django()
    migrate_shared()


def _fail(error: Exception) -> None:
    code = getattr(error, "code", None)
    click.echo(
        f"error: {error}" + (f" [{code}]" if code and code not in str(error) else ""), err=True
    )
    sys.exit(1)


@click.group("tenant")
def tenant_group() -> None:
    """Jurisdictions hosted by this installation (uses DJANGO_SETTINGS_MODULE, default local)."""


@tenant_group.command("add")
@click.option(
    "--profile",
    "profile_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="Country profile YAML.",
)
@click.option(
    "--domain",
    "domains",
    required=True,
    multiple=True,
    help="Host name (repeat for more; the first is primary).",
)
@click.option("--code", help="Tenant code (default: the profile's).")
def tenant_add(profile_path: str, domains: tuple[str, ...], code: str | None) -> None:
    """Create a tenant: schema, migrations, seeds from the profile."""
    from vaxkit.platform.errors import ServiceError
    from vaxkit.profiles.issues import ProfileError

    _django()
    from vaxkit.platform.tenants.provisioning import provision_tenant

    try:
        result = provision_tenant(profile_path, list(domains), actor=ACTOR, code=code)
    except (ProfileError, ServiceError) as error:
        _fail(error)
    seeded = result.seeded
    click.echo(
        f"Tenant {result.tenant.code} ({result.tenant.name}) is live at "
        f"{', '.join(domains)} after {result.seconds:.2f} s: {seeded.areas} areas, "
        f"{seeded.vaccines} vaccines, {seeded.id_types} ID types, {seeded.cohorts} cohorts."
    )


@tenant_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def tenant_list(as_json: bool) -> None:
    """List tenants and their domains."""
    _django()
    from vaxkit.platform.tenants.directory import tenant_directory

    entries = tenant_directory()
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "code": e.code,
                        "name": e.name,
                        "schema": e.schema_name,
                        "domains": list(e.domains),
                        "profile": e.profile_source,
                    }
                    for e in entries
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not entries:
        click.echo("No tenants yet: add one with `vaxkit tenant add --profile P --domain D`.")
    for e in entries:
        click.echo(f"{e.code:<8} {e.name:<30} {', '.join(e.domains)}")


@tenant_group.command("reload-profile")
@click.argument("code")
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(dir_okay=False),
    help="Profile file (default: the file it was loaded from).",
)
def tenant_reload(code: str, profile_path: str | None) -> None:
    """Load a tenant's profile again and re-seed its reference data."""
    from vaxkit.platform.errors import ServiceError
    from vaxkit.profiles.issues import ProfileError

    _django()
    from vaxkit.platform.tenants.provisioning import reload_profile

    try:
        tenant = reload_profile(code, actor=ACTOR, profile_path=profile_path)
    except (ProfileError, ServiceError) as error:
        _fail(error)
    click.echo(f"Profile of {tenant.code} reloaded from {tenant.profile_source}.")


@click.command("demo")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--reset", is_flag=True, help="Remove the demo tenants and start afresh.")
@click.option("--no-serve", is_flag=True, help="Prepare everything, then exit.")
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="CODE",
    help="Only this demo country (repeat for more): xx, in, vn, pe, ae.",
)
def demo(port: int, host: str, reset: bool, no_serve: bool, countries: tuple[str, ...]) -> None:
    """Run several countries side by side with synthetic data (no configuration needed)."""
    from rich.console import Console

    from vaxkit.platform.demo.banner import print_banner
    from vaxkit.platform.demo.prepare import DemoError, prepare_demo
    from vaxkit.platform.demo.serve import serve
    from vaxkit.profiles.issues import ProfileError

    console = Console(stderr=True)
    try:
        summary = prepare_demo(
            reset=reset,
            countries=countries,
            progress=lambda line: console.print(line, style="dim"),
        )
    except (ProfileError, DemoError) as error:
        _fail(error)
    print_banner(summary, port)
    if not no_serve:
        serve(host=host, port=port)


commands = [tenant_group, demo]
