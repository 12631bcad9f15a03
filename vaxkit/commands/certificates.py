"""``vaxkit cert``: verify certificates, generate keys, issue test certificates, run the EU DCC
conformance vectors. Each command parses its options and calls the certificates library."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from vaxkit.certificates.errors import CertificateError

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
PASSPHRASE_ENV = "VAXKIT_KEY_PASSPHRASE"  # noqa: S105 - the variable name, not a secret


@click.group("cert")
def cert_group() -> None:
    """Signed certificates: verify, keygen, issue, check-vectors."""


def _fail(
    message: str, code: int = EXIT_USAGE, *, as_json: bool = False, reason: str = "usage"
) -> NoReturn:
    if as_json:
        click.echo(json.dumps({"error": reason, "message": message}, ensure_ascii=False))
    else:
        click.secho(f"error: {message}", fg="red", err=True)
    raise SystemExit(code)


def _passphrase(env_name: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env_name)
    if value:
        return value
    if not sys.stdin.isatty():
        _fail(f"set {env_name} to the key passphrase (no terminal to ask on)")
    return click.prompt("Key passphrase", hide_input=True, confirmation_prompt=confirm)


# --- verify ---------------------------------------------------------------------------------------


@cert_group.command("verify")
@click.option(
    "--trust",
    "trust_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Trust material: tenant trust file, DSC list, JWKS, DID/key document, revocation list, "
    "or PEM/DER certificate. Repeat to combine.",
)
@click.option("--at", "at_text", help="Verify as of this ISO 8601 time (default: now).")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
@click.option(
    "--qr",
    "qr_image",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the payload from the QR code in this PNG/JPEG image.",
)
@click.argument("payload", required=False)
def verify_command(
    trust_files: tuple[Path, ...],
    at_text: str | None,
    as_json: bool,
    qr_image: Path | None,
    payload: str | None,
) -> None:
    """Verify PAYLOAD: an HC1: or shc:/ string, or a file (VC, VDS-NC, .smart-health-card).

    Exit status: 0 valid, 1 invalid, 2 usage error.
    """
    from vaxkit.certificates.trust import TrustStore, load_trust
    from vaxkit.certificates.verification import verify

    if (payload is None) == (qr_image is None):
        _fail("give exactly one of PAYLOAD or --qr IMAGE", as_json=as_json)
    at = _parse_at(at_text, as_json)
    data: str | bytes
    if qr_image is not None:
        data = _read_qr(qr_image, as_json)
    else:
        assert payload is not None
        data = _payload_argument(payload)
    store = TrustStore()
    try:
        for path in trust_files:
            store.merge(load_trust(path))
    except CertificateError as exc:
        _fail(f"{exc.message} [{exc.code}]", as_json=as_json, reason=exc.code)
    verdict = verify(data, store, at)
    if as_json:
        click.echo(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_verdict(verdict)
    raise SystemExit(EXIT_VALID if verdict.valid else EXIT_INVALID)


def _parse_at(text: str | None, as_json: bool) -> dt.datetime | None:
    if text is None:
        return None
    try:
        at = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        _fail(f"--at must be an ISO 8601 date-time, not {text!r}", as_json=as_json)
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def _payload_argument(payload: str) -> str | bytes:
    """The argument itself, or the content of the file it names."""
    if len(payload) < 4096 and not payload.startswith(("HC1:", "shc:/", "{")):
        path = Path(payload)
        if path.is_file():
            raw = path.read_bytes()
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return raw
    return payload


def _read_qr(image: Path, as_json: bool) -> str | bytes:
    from vaxkit.certificates.qr_reading import read_qr

    try:
        contents = read_qr(image.read_bytes())
    except CertificateError as exc:
        _fail(f"{exc.message} [{exc.code}]", as_json=as_json, reason=exc.code)
    if not contents:
        _fail(f"no QR code found in {image}", EXIT_INVALID, as_json=as_json, reason="bad_qr")
    return contents[0]


def _print_verdict(verdict: Any) -> None:
    if verdict.valid:
        click.secho(f"valid ({verdict.format})", fg="green")
    else:
        click.secho(f"invalid ({verdict.format or 'unknown format'})", fg="red")
        click.echo(f"  reason:   {verdict.reason}: {verdict.message}")
    if verdict.key_id:
        click.echo(f"  key:      {verdict.key_id}")
    for key, value in verdict.as_dict()["content"].items():
        if value not in (None, ""):
            click.echo(f"  {key + ':':<15} {value}")


# --- keygen ---------------------------------------------------------------------------------------


@cert_group.command("keygen")
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code of the issuing country.")
@click.option("--issuer", "issuer_name", required=True, help="Issuing authority's name.")
@click.option(
    "--issuer-url",
    help="Public https base URL of the issuer (for the trust file's JWKS and DID document).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Directory to write the files to.",
)
@click.option("--valid-days", type=int, default=730, show_default=True, help="DSC validity.")
@click.option(
    "--passphrase-env",
    default=PASSPHRASE_ENV,
    show_default=True,
    help="Environment variable holding the key-encryption passphrase (asked for if unset).",
)
def keygen_command(
    country: str,
    issuer_name: str,
    issuer_url: str | None,
    out_dir: Path,
    valid_days: int,
    passphrase_env: str,
) -> None:
    """Generate a tenant's signing keys: P-256 with a document signer certificate (EU DCC, SHC,
    VDS-NC) and Ed25519 (W3C VC), private keys encrypted under a passphrase."""
    from cryptography.hazmat.primitives import serialization

    from vaxkit.certificates.keyring import KeyRing
    from vaxkit.certificates.keys import encrypt_private_key
    from vaxkit.certificates.trust import trust_document

    country = country.upper()
    passphrase = _passphrase(passphrase_env, confirm=True)
    try:
        ring = KeyRing.generate(country, issuer_name, valid_days=valid_days)
        dsc, vc = ring.active("dsc"), ring.active("vc")
        assert (
            dsc.private_key is not None
            and vc.private_key is not None
            and dsc.certificate is not None
        )
        files: dict[str, bytes] = {
            f"{country.lower()}-keyring.json": ring.to_json(passphrase).encode("utf-8"),
            f"{country.lower()}-dsc.key.pem": encrypt_private_key(dsc.private_key, passphrase),
            f"{country.lower()}-dsc.cert.pem": dsc.certificate.public_bytes(
                serialization.Encoding.PEM
            ),
            f"{country.lower()}-vc.key.pem": encrypt_private_key(vc.private_key, passphrase),
        }
        if issuer_url:
            document = trust_document(
                ring.published(), country=country, issuer_name=issuer_name, issuer_url=issuer_url
            )
            files[f"{country.lower()}-trust.json"] = json.dumps(document, indent=2).encode("utf-8")
    except CertificateError as exc:
        _fail(f"{exc.message} [{exc.code}]")
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = out_dir / name
        path.write_bytes(content)
        if name.endswith((".key.pem", "-keyring.json")):
            path.chmod(0o600)
        click.echo(str(path))


# --- issue ----------------------------------------------------------------------------------------


@cert_group.command("issue")
@click.option(
    "--profile",
    "profile_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Country profile (YAML): issuer, country, vaccine codes, validity.",
)
@click.option(
    "--record",
    "record_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Vaccination record (JSON); missing fields come from the profile.",
)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["eu_dcc", "shc", "w3c_vc", "icao_vds"]),
    help="Certificate format.",
)
@click.option(
    "--key",
    "key_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Key ring (from keygen) or encrypted PEM private key.",
)
@click.option(
    "--cert",
    "cert_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Signer certificate (PEM) for a PEM key of the ES256 formats.",
)
@click.option("--passphrase-env", default=PASSPHRASE_ENV, show_default=True)
@click.option(
    "--qr-zip",
    "qr_zip",
    type=click.Path(dir_okay=False, path_type=Path),
    help="w3c_vc: also write the CoWIN-style zipped QR content to this file.",
)
def issue_command(
    profile_path: Path,
    record_path: Path,
    fmt: str,
    key_path: Path,
    cert_path: Path | None,
    passphrase_env: str,
    qr_zip: Path | None,
) -> None:
    """Sign a record as FORMAT and print the payload (for tests and demonstrations)."""
    from vaxkit.certificates import w3c_vc
    from vaxkit.certificates.issue import SIGNER_PURPOSE, encode
    from vaxkit.certificates.record_json import record_from_dict
    from vaxkit.profiles.issues import ProfileError
    from vaxkit.profiles.loader import load_profile

    try:
        profile = load_profile(profile_path)
    except ProfileError as exc:
        _fail(f"invalid profile {profile_path}: {exc}")
    passphrase = _passphrase(passphrase_env)
    try:
        record = record_from_dict(json.loads(record_path.read_text("utf-8")), profile)
        signer = _signer(key_path, cert_path, passphrase, SIGNER_PURPOSE[fmt])
        payload = encode(record, fmt, signer, issuer_url=profile.certificates.issuer_url)
    except json.JSONDecodeError as exc:
        _fail(f"{record_path} is not JSON: {exc}")
    except CertificateError as exc:
        _fail(f"{exc.message} [{exc.code}]", EXIT_INVALID)
    if qr_zip is not None and fmt == "w3c_vc":
        qr_zip.write_bytes(w3c_vc.qr_bytes(payload))
    click.echo(payload)


def _signer(key_path: Path, cert_path: Path | None, passphrase: str, purpose: str) -> Any:
    from vaxkit.certificates.keyring import KeyRing
    from vaxkit.certificates.keys import load_certificate, load_private_key
    from vaxkit.certificates.signers import LocalSigner

    raw = key_path.read_bytes()
    if raw.lstrip().startswith(b"{"):
        return KeyRing.from_json(raw, passphrase).active(purpose).signer()
    key = load_private_key(raw, passphrase)
    certificate = load_certificate(cert_path.read_bytes()) if cert_path else None
    return LocalSigner(key, certificate)


# --- check-vectors --------------------------------------------------------------------------------


@cert_group.command("check-vectors")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print per-file results as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="Show every check, not only disagreements.")
def check_vectors_command(directory: Path, as_json: bool, verbose: bool) -> None:
    """Run the EU DCC test files (dgc-testdata layout) under DIRECTORY and report, per file and
    in total, whether vaxkit's results agree with each file's EXPECTEDRESULTS.

    Exit status: 0 when every file agrees, 1 otherwise.
    """
    from vaxkit.certificates.vectors import check_directory, summary

    results = check_directory(directory)
    total = summary(results)
    if as_json:
        document = {
            "files": [
                {
                    "path": r.path,
                    "description": r.description,
                    "agrees": r.agrees,
                    "error": r.error,
                    "checks": [
                        {
                            "name": c.name,
                            "expected": c.expected,
                            "actual": c.actual,
                            "agrees": c.agrees,
                            "detail": c.detail,
                            "known_issue": c.known_issue,
                        }
                        for c in r.checks
                    ],
                }
                for r in results
            ],
            "summary": total.__dict__,
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for result in results:
            _print_file_result(result, verbose)
        click.echo(
            f"{total.files_agreeing}/{total.files} files agree; "
            f"{total.checks_agreeing}/{total.checks} checks agree "
            f"({total.known_issues} on upstream known issues, {total.skipped} skipped)"
        )
    raise SystemExit(0 if total.all_agree and total.files else 1)


def _print_file_result(result: Any, verbose: bool) -> None:
    status = (
        click.style("agree", fg="green") if result.agrees else click.style("DISAGREE", fg="red")
    )
    click.echo(f"{status:<8} {result.path}  {result.description}")
    if result.error:
        click.echo(f"    error: {result.error}")
    for check in result.checks:
        if not verbose and check.actual == check.expected:
            continue
        if check.actual is None:
            mark = "skip"
        elif check.actual == check.expected:
            mark = "ok"
        elif check.known_issue:
            mark = "known"
        else:
            mark = "FAIL"
        line = f"    {mark:<5} {check.name[8:]:<18} expected {str(check.expected).lower():<5}"
        if check.actual is not None:
            line += f" got {str(check.actual).lower()}"
        detail = check.known_issue or check.detail
        click.echo(f"{line}  {detail}" if detail else line)


commands = [cert_group]
