"""``vaxkit cert keys|rotate|revoke-key|import-key|revoke|trust --tenant CODE``: a hosted
tenant's signing keys and certificates. Adapters over ``vaxkit.platform.certificates``; they
join the ``vaxkit cert`` group of :mod:`vaxkit.commands.certificates`."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from vaxkit.commands.certificates import PASSPHRASE_ENV, _passphrase, cert_group

commands: list[click.Command] = []  # everything here is added to the existing `cert` group


def _fail(error: Exception) -> NoReturn:
    code = getattr(error, "code", None)
    click.secho(
        f"error: {getattr(error, 'message', error)}" + (f" [{code}]" if code else ""),
        fg="red",
        err=True,
    )
    sys.exit(1)


@contextlib.contextmanager
def _tenant(code: str) -> Iterator[Any]:
    """Django set up, and the connection inside tenant ``code``."""
    from vaxkit.platform.bootstrap import migrate_shared, setup_django

    setup_django()
    migrate_shared()
    from django_tenants.utils import tenant_context

    from vaxkit.platform.errors import NotFound
    from vaxkit.platform.tenants.models import Tenant

    tenant = Tenant.objects.filter(code=code).first()
    if tenant is None:
        _fail(NotFound("tenant.not_found", f"No tenant with code '{code}'."))
    with tenant_context(tenant):
        yield tenant


def _actor() -> Any:
    from vaxkit.platform.actors import System

    return System("cli")


tenant_option = click.option("--tenant", "code", required=True, help="Tenant code (`xx`, `in-ka`).")


@cert_group.command("keys")
@tenant_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def keys_command(code: str, as_json: bool) -> None:
    """List a tenant's signing keys (generating them on first use)."""
    with _tenant(code):
        from vaxkit.platform.certificates.keystore import keyring

        rows = [
            {
                "key_id": e.key.key_id,
                "purpose": e.key.purpose,
                "status": e.status,
                "created": e.key.created.isoformat(),
            }
            for e in keyring().entries
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(f"{row['key_id']}  {row['purpose']:4}  {row['status']:8}  {row['created']}")


@cert_group.command("rotate")
@tenant_option
@click.option(
    "--purpose",
    type=click.Choice(["dsc", "vc", "all"]),
    default="all",
    show_default=True,
    help="dsc: EU DCC / SHC / VDS-NC key; vc: W3C VC key.",
)
@click.option("--valid-days", type=int, default=730, show_default=True, help="DSC validity.")
def rotate_command(code: str, purpose: str, valid_days: int) -> None:
    """Start signing with new keys; the old ones stay published (earlier certificates verify)."""
    from vaxkit.platform.errors import ServiceError

    with _tenant(code):
        from vaxkit.platform.certificates.keystore import rotate_key

        for which in ("dsc", "vc") if purpose == "all" else (purpose,):
            try:
                key = rotate_key(which, actor=_actor(), valid_days=valid_days)
            except ServiceError as error:
                _fail(error)
            click.echo(f"{code}: new {which} key {key.key_id}")


@cert_group.command("revoke-key")
@tenant_option
@click.argument("key_id")
def revoke_key_command(code: str, key_id: str) -> None:
    """Revoke a signing key: every certificate it signed stops verifying."""
    from vaxkit.platform.errors import ServiceError

    with _tenant(code):
        from vaxkit.platform.certificates.keystore import keyring, revoke_key

        try:
            revoke_key(key_id, actor=_actor())
        except ServiceError as error:
            _fail(error)
        purpose = keyring().get(key_id).key.purpose
        click.echo(f"{code}: key {key_id} revoked.")
        with contextlib.suppress(Exception):
            keyring().active(purpose)
            return
        click.echo(f"No active {purpose} key is left: run `vaxkit cert rotate --tenant {code}`.")


@cert_group.command("import-key")
@tenant_option
@click.option("--key", "key_path", required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--cert", "cert_path", type=click.Path(exists=True, path_type=Path))
@click.option("--passphrase-env", default=PASSPHRASE_ENV, show_default=True)
@click.option("--inactive", is_flag=True, help="Publish the key without signing with it.")
def import_key_command(
    code: str, key_path: Path, cert_path: Path | None, passphrase_env: str, inactive: bool
) -> None:
    """Import a key (e.g. a DSC issued by the national CSCA) into a tenant's key ring."""
    from vaxkit.certificates import CertificateError, SigningKey
    from vaxkit.certificates.jose import jwk_thumbprint
    from vaxkit.certificates.keys import load_certificate, load_private_key
    from vaxkit.platform.errors import ServiceError

    try:
        private = load_private_key(key_path.read_bytes(), _passphrase(passphrase_env))
        certificate = load_certificate(cert_path.read_bytes()) if cert_path else None
    except CertificateError as error:
        _fail(error)
    purpose = "dsc" if certificate is not None else "vc"
    key = SigningKey(jwk_thumbprint(private.public_key()), purpose, private, certificate)
    with _tenant(code):
        from vaxkit.platform.certificates.keystore import import_key

        try:
            import_key(key, actor=_actor(), activate=not inactive)
        except ServiceError as error:
            _fail(error)
    click.echo(f"{code}: imported {purpose} key {key.key_id}")


@cert_group.command("revoke")
@tenant_option
@click.argument("certificate_id")
@click.option("--reason", required=True, help="Why (kept in the audit trail).")
def revoke_command(code: str, certificate_id: str, reason: str) -> None:
    """Revoke one certificate (published on the tenant's revocation list)."""
    from vaxkit.platform.errors import ServiceError

    with _tenant(code):
        from vaxkit.platform.certificates.issuance import get_certificate, revoke_certificate

        try:
            revoke_certificate(get_certificate(certificate_id), actor=_actor(), reason=reason)
        except ServiceError as error:
            _fail(error)
    click.echo(f"{code}: certificate {certificate_id} revoked.")


@cert_group.command("trust")
@tenant_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def trust_command(code: str, output: Path | None) -> None:
    """Write a tenant's trust file (what `vaxkit cert verify --trust FILE` reads)."""
    with _tenant(code):
        from vaxkit.platform.certificates.publishing import trust_file

        text = json.dumps(trust_file(), indent=2, ensure_ascii=False)
    if output is None:
        click.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"{code}: trust file written to {output}")
