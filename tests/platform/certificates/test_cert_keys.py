"""Per-tenant signing keys: generated on first use, never stored in the clear, kept in the tenant
schema or under VAXKIT_SIGNING_KEYS_DIR; the `vaxkit cert` tenant commands."""

from __future__ import annotations

import json
import stat

import pytest
from click.testing import CliRunner
from platform_cert_helpers import fetch_trust, record_first_dose

import vaxkit.commands.tenant_certificates  # noqa: F401  (adds the tenant commands to `cert`)
from vaxkit.certificates import KeyRing, SigningKeyError, generate_dsc, verify
from vaxkit.cli import cli
from vaxkit.platform.certificates import keystore
from vaxkit.platform.certificates.keystore import import_key, keyring, passphrase
from vaxkit.platform.certificates.models import Certificate, KeyRingRecord
from vaxkit.platform.errors import ServiceError
from vaxkit.testing.tenants import TEST_ACTOR


def test_key_ring_is_generated_once_and_stored_encrypted(all_formats_without_keys):
    all_formats = all_formats_without_keys
    assert not keystore.has_keyring()
    ring = keyring()
    assert keystore.has_keyring() and keyring() is ring
    document = KeyRingRecord.objects.get().document
    assert "ENCRYPTED PRIVATE KEY" in document
    assert "BEGIN PRIVATE KEY" not in document and "BEGIN EC PRIVATE KEY" not in document
    assert {e.key.purpose for e in ring.entries} == {"dsc", "vc"}
    assert ring.active("dsc").certificate.subject.rfc4514_string().endswith("C=XA")
    with pytest.raises(SigningKeyError):
        KeyRing.from_json(document, "not the passphrase")
    assert KeyRing.from_json(document, passphrase(all_formats)).active("vc").key_id == (
        ring.active("vc").key_id
    )


def test_passphrase_setting_wins_and_a_wrong_one_is_a_clear_error(all_formats, settings):
    derived = passphrase(all_formats)
    keyring()
    settings.VAXKIT_KEY_PASSPHRASE = "a passphrase from the secret store"
    assert passphrase(all_formats) == "a passphrase from the secret store" != derived
    keystore._cache.clear()
    with pytest.raises(ServiceError) as unreadable:
        keyring()
    assert unreadable.value.code == "keys.unreadable"


def test_keys_directory_holds_the_ring_as_a_private_file(
    all_formats_without_keys, settings, tmp_path, tenant_client, django_capture_on_commit_callbacks
):
    settings.VAXKIT_SIGNING_KEYS_DIR = str(tmp_path / "keys")
    _, _, dose = record_first_dose(django_capture_on_commit_callbacks)
    path = tmp_path / "keys" / "xa.keyring.json"
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not KeyRingRecord.objects.exists()
    assert json.loads(path.read_text())["format"] == "vaxkit-keyring"
    certificate = Certificate.objects.get(dose=dose)
    assert verify(certificate.payloads["eu_dcc"], fetch_trust(tenant_client)).valid


def test_imported_key_signs_and_is_published(all_formats, tenant_client):
    own = generate_dsc("XA", "Testland CSCA-issued DSC")
    import_key(own, actor=TEST_ACTOR)
    assert keyring().active("dsc").key_id == own.key_id
    assert own.key_id in [
        k["kid"] for k in tenant_client.get("/.well-known/jwks.json").json()["keys"]
    ]
    foreign = generate_dsc("XB", "Another country")
    with pytest.raises(ServiceError) as wrong:
        import_key(foreign, actor=TEST_ACTOR)
    assert wrong.value.code == "keys.wrong_country"
    with pytest.raises(ServiceError) as twice:
        import_key(own, actor=TEST_ACTOR)
    assert twice.value.code == "keys.duplicate_key"


def test_tenant_commands(all_formats, tenant_client, django_capture_on_commit_callbacks, tmp_path):
    from django.db import connection

    class Runner(CliRunner):
        def invoke(self, *args, **kwargs):
            try:
                return super().invoke(*args, **kwargs)
            finally:  # the command enters the public schema to migrate it
                connection.set_tenant(all_formats)

    runner = Runner()
    _, _, dose = record_first_dose(django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(dose=dose)
    listed = runner.invoke(cli, ["cert", "keys", "--tenant", "xa", "--json"])
    assert listed.exit_code == 0, listed.output
    keys = json.loads(listed.output)
    assert {(k["purpose"], k["status"]) for k in keys} == {("dsc", "active"), ("vc", "active")}

    rotated = runner.invoke(cli, ["cert", "rotate", "--tenant", "xa", "--purpose", "dsc"])
    assert rotated.exit_code == 0 and "new dsc key" in rotated.output
    old_dsc = certificate.key_ids["eu_dcc"]
    revoked = runner.invoke(cli, ["cert", "revoke-key", "--tenant", "xa", old_dsc])
    assert revoked.exit_code == 0, revoked.output
    assert verify(certificate.payloads["eu_dcc"], fetch_trust(tenant_client)).reason == "revoked"

    gone = runner.invoke(
        cli, ["cert", "revoke", "--tenant", "xa", "URN:UVCI:01:XA:NOPE", "--reason", "x"]
    )
    assert gone.exit_code == 1 and "certificate.not_found" in gone.output
    done = runner.invoke(
        cli,
        ["cert", "revoke", "--tenant", "xa", certificate.certificate_id, "--reason", "duplicate"],
    )
    assert done.exit_code == 0, done.output
    assert Certificate.objects.get(pk=certificate.pk).revoked_reason == "duplicate"

    out = tmp_path / "trust.json"
    written = runner.invoke(cli, ["cert", "trust", "--tenant", "xa", "-o", str(out)])
    assert written.exit_code == 0
    checked = runner.invoke(
        cli, ["cert", "verify", "--trust", str(out), "--json", certificate.payloads["shc"]]
    )
    assert json.loads(checked.output)["reason"] == "revoked"

    unknown = runner.invoke(cli, ["cert", "keys", "--tenant", "nope"])
    assert unknown.exit_code == 1 and "tenant.not_found" in unknown.output
    assert "Traceback" not in unknown.output


def test_import_key_command(all_formats, tmp_path, monkeypatch):
    from cryptography.hazmat.primitives import serialization
    from django.db import connection

    from vaxkit.certificates import encrypt_private_key

    key = generate_dsc("XA", "Testland Ministry of Health")
    (tmp_path / "dsc.key.pem").write_bytes(encrypt_private_key(key.private_key, "secret words"))
    (tmp_path / "dsc.cert.pem").write_bytes(
        key.certificate.public_bytes(serialization.Encoding.PEM)
    )
    monkeypatch.setenv("IMPORT_PASSPHRASE", "secret words")
    args = ["cert", "import-key", "--tenant", "xa", "--key", str(tmp_path / "dsc.key.pem")]
    args += ["--cert", str(tmp_path / "dsc.cert.pem"), "--passphrase-env", "IMPORT_PASSPHRASE"]
    try:
        result = CliRunner().invoke(cli, args)
    finally:
        connection.set_tenant(all_formats)
    assert result.exit_code == 0, result.output
    assert keyring().active("dsc").key_id == key.key_id
    monkeypatch.setenv("IMPORT_PASSPHRASE", "wrong words")
    try:
        wrong = CliRunner().invoke(cli, args)
    finally:
        connection.set_tenant(all_formats)
    assert wrong.exit_code == 1 and "Traceback" not in wrong.output
