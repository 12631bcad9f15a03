"""``vaxkit cert``: keygen -> issue -> verify for every format, QR images, check-vectors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import segno
import zxingcpp
from cert_helpers import CONFORMANCE
from click.testing import CliRunner
from PIL import Image

from vaxkit.cli import cli

PROFILE = Path(__file__).resolve().parents[2] / "country_profiles" / "xx-demo.yaml"
PASSPHRASE = {"VAXKIT_KEY_PASSPHRASE": "demo passphrase for tests"}


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("keys")
    result = CliRunner().invoke(
        cli,
        [
            "cert",
            "keygen",
            "--country",
            "XX",
            "--issuer",
            "Demo Ministry",
            "--issuer-url",
            "https://vaccination.demoland.example",
            "--out",
            str(out),
        ],
        env=PASSPHRASE,
    )
    assert result.exit_code == 0, result.output
    return out


def test_keygen_writes_encrypted_keys_and_trust(keys: Path) -> None:
    names = sorted(p.name for p in keys.iterdir())
    assert names == [
        "xx-dsc.cert.pem",
        "xx-dsc.key.pem",
        "xx-keyring.json",
        "xx-trust.json",
        "xx-vc.key.pem",
    ]
    for name in ("xx-dsc.key.pem", "xx-vc.key.pem"):
        assert (keys / name).read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
        assert (keys / name).stat().st_mode & 0o077 == 0
    assert "BEGIN PRIVATE KEY" not in (keys / "xx-keyring.json").read_text()
    assert json.loads((keys / "xx-trust.json").read_text())["format"] == "vaxkit-trust"


def _record(tmp_path: Path) -> Path:
    import datetime as dt

    from vaxkit.profiles.loader import load_profile

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)  # after keygen: the DSC is valid then
    profile = load_profile(PROFILE)
    vaccine = next(v for v in profile.vaccines if v.codes.eu_mp and v.codes.eu_vp and v.codes.eu_ma)
    record = {
        "given_name": "Ana",
        "family_name": "Pérez",
        "given_name_latin": "ANA",
        "family_name_latin": "PEREZ",
        "date_of_birth": "1985-03-01",
        "sex": "female",
        "vaccine_code": vaccine.code,
        "dose_number": 1,
        "date": now.date().isoformat(),
        "lot": "L0001",
        "facility": "Central Clinic",
        "issued_at": now.isoformat(),
    }
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))
    return path


@pytest.mark.parametrize("fmt", ["eu_dcc", "shc", "w3c_vc", "icao_vds"])
@pytest.mark.parametrize("key_file", ["xx-keyring.json", "pem"])
def test_issue_then_verify(fmt: str, key_file: str, keys: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    key_args = ["--key", str(keys / "xx-keyring.json")]
    if key_file == "pem":
        key_name = "xx-vc.key.pem" if fmt == "w3c_vc" else "xx-dsc.key.pem"
        key_args = ["--key", str(keys / key_name), "--cert", str(keys / "xx-dsc.cert.pem")]
        if fmt == "w3c_vc":
            key_args = key_args[:2]
    issued = runner.invoke(
        cli,
        [
            "cert",
            "issue",
            "--profile",
            str(PROFILE),
            "--record",
            str(_record(tmp_path)),
            "--format",
            fmt,
            *key_args,
        ],
        env=PASSPHRASE,
    )
    assert issued.exit_code == 0, issued.output
    payload = issued.output.strip()
    argument = payload
    if payload.startswith("{"):
        argument = str(tmp_path / "certificate.json")
        Path(argument).write_text(payload)
    verified = runner.invoke(
        cli, ["cert", "verify", "--trust", str(keys / "xx-trust.json"), "--json", argument]
    )
    assert verified.exit_code == 0, verified.output
    verdict = json.loads(verified.output)
    assert verdict["valid"] and verdict["format"] == fmt
    untrusted = runner.invoke(cli, ["cert", "verify", "--json", argument])
    assert untrusted.exit_code == 1
    assert json.loads(untrusted.output)["reason"] in ("unknown_kid", "unknown_issuer")


def test_verify_reads_qr_images(keys: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    issued = runner.invoke(
        cli,
        [
            "cert",
            "issue",
            "--profile",
            str(PROFILE),
            "--record",
            str(_record(tmp_path)),
            "--format",
            "eu_dcc",
            "--key",
            str(keys / "xx-keyring.json"),
        ],
        env=PASSPHRASE,
    )
    payload = issued.output.strip()
    image = tmp_path / "qr.png"
    segno.make(payload, error="q").save(str(image), scale=4)
    result = runner.invoke(
        cli, ["cert", "verify", "--trust", str(keys / "xx-trust.json"), "--qr", str(image)]
    )
    assert result.exit_code == 0, result.output
    assert "valid (eu_dcc)" in result.output
    garbage = tmp_path / "not-an-image.png"
    garbage.write_bytes(b"nope")
    assert runner.invoke(cli, ["cert", "verify", "--qr", str(garbage)]).exit_code == 2


@pytest.mark.parametrize("fmt", ["eu_dcc", "shc", "w3c_vc", "icao_vds"])
def test_qr_round_trip_is_identical(fmt: str, ring, make_record) -> None:
    from vaxkit.certificates import encode, w3c_vc
    from vaxkit.certificates.issue import SIGNER_PURPOSE

    payload = encode(
        make_record(),
        fmt,
        ring.active(SIGNER_PURPOSE[fmt]).signer(),
        issuer_url="https://moh.example.vn",
    )
    content: str | bytes = w3c_vc.qr_bytes(payload) if fmt == "w3c_vc" else payload
    buffer = io.BytesIO()
    segno.make(content, error="l" if fmt == "shc" else "m", micro=False).save(
        buffer, kind="png", scale=3
    )
    (code,) = zxingcpp.read_barcodes(
        Image.open(io.BytesIO(buffer.getvalue())), formats=zxingcpp.BarcodeFormat.QRCode
    )
    decoded = bytes(code.bytes) if isinstance(content, bytes) else code.text
    assert decoded == content


def test_check_vectors_command(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["cert", "check-vectors", str(CONFORMANCE / "dgc-testdata")])
    assert result.exit_code == 0, result.output
    assert "30/30 files agree" in result.output
    as_json = json.loads(
        runner.invoke(
            cli, ["cert", "check-vectors", "--json", str(CONFORMANCE / "dgc-testdata")]
        ).output
    )
    assert as_json["summary"]["files_agreeing"] == 30
    wrong = json.loads(
        (CONFORMANCE / "dgc-testdata" / "common" / "2DCode" / "raw" / "CO5.json").read_text()
    )
    wrong["EXPECTEDRESULTS"]["EXPECTEDVERIFY"] = True
    (tmp_path / "CO5.json").write_text(json.dumps(wrong))
    failed = runner.invoke(cli, ["cert", "check-vectors", str(tmp_path)])
    assert failed.exit_code == 1
    assert "DISAGREE" in failed.output and "VERIFY" in failed.output


def test_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["cert", "verify"]).exit_code == 2
    assert runner.invoke(cli, ["cert", "verify", "--at", "yesterday", "HC1:X"]).exit_code == 2
    result = runner.invoke(cli, ["cert", "verify", "--json", "HC1:%%%"])
    assert result.exit_code == 1 and json.loads(result.output)["reason"] == "bad_base45"
    bad_trust = tmp_path / "trust.json"
    bad_trust.write_text("{}")
    assert runner.invoke(cli, ["cert", "verify", "--trust", str(bad_trust), "HC1:X"]).exit_code == 2
