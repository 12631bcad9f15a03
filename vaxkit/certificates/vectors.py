"""Runs the EU DCC conformance test files (eu-digital-green-certificates/dgc-testdata layout).

Each JSON file holds one certificate at every stage (``JSON``, ``CBOR``, ``COSE``,
``COMPRESSED``, ``BASE45``, ``PREFIX``, ``2DCODE``), a ``TESTCTX`` (signer ``CERTIFICATE``,
``VALIDATIONCLOCK``) and ``EXPECTEDRESULTS``: for each step, whether it should succeed. Every
step is run with vaxkit's own decoder (``hcert``) and compared with the expectation. As the
collection's README says, a step whose inputs are missing from a file is skipped.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from vaxkit.certificates import hcert
from vaxkit.certificates.base45 import b45decode
from vaxkit.certificates.certinfo import CertificateInfo, certificate_info
from vaxkit.certificates.cose import decode_sign1
from vaxkit.certificates.dcc_schema import validate_dcc
from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.valuesets import unknown_values

CHECKS = (
    "EXPECTEDVALIDOBJECT",
    "EXPECTEDSCHEMAVALIDATION",
    "EXPECTEDENCODE",
    "EXPECTEDDECODE",
    "EXPECTEDVERIFY",
    "EXPECTEDUNPREFIX",
    "EXPECTEDVALIDJSON",
    "EXPECTEDCOMPRESSION",
    "EXPECTEDB45DECODE",
    "EXPECTEDPICTUREDECODE",
    "EXPECTEDEXPIRATIONCHECK",
    "EXPECTEDKEYUSAGE",
)


# Expectations the collection's maintainers list as wrong in its own tests/known_issues.csv
# (country, test file stem or "" for all, check or "" for all) -> issue; a disagreement there is
# reported as known instead of failing. The maintainers xfail these in their reference suite.
_ISSUES = "https://github.com/eu-digital-green-certificates/dgc-testdata/issues/"
KNOWN_ISSUES: dict[tuple[str, str, str], str] = {
    ("NL", "", "EXPECTEDKEYUSAGE"): _ISSUES + "146",
    ("NL", "", "EXPECTEDSCHEMAVALIDATION"): _ISSUES + "107",
    ("FR", "test_pcr_ok", ""): _ISSUES + "141",
    **{("PT", str(n), ""): _ISSUES + "151" for n in range(1, 5)},
    **{("DE", str(n), ""): _ISSUES + "119" for n in range(1, 4)},
    **{("CZ", str(n), ""): _ISSUES + "172" for n in range(1, 6)},
}


def known_issue(path: str, check: str) -> str | None:
    """The upstream known issue covering ``check`` of the test file at ``path``, if any."""
    parts = Path(path).parts
    if not parts:
        return None
    country, stem = parts[0], Path(path).stem
    for key in (
        (country, stem, check),
        (country, stem, ""),
        (country, "", check),
        (country, "", ""),
    ):
        if key in KNOWN_ISSUES:
            return KNOWN_ISSUES[key]
    return None


class Skip(Exception):
    """A step cannot run: its inputs are not in the file."""


@dataclass
class CheckResult:
    name: str
    expected: bool
    actual: bool | None
    """``None`` when skipped."""
    detail: str = ""
    known_issue: str | None = None
    """Upstream issue that declares this expectation wrong (set only on disagreement)."""

    @property
    def agrees(self) -> bool:
        return self.actual is None or self.actual == self.expected or self.known_issue is not None


@dataclass
class FileResult:
    path: str
    description: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    error: str | None = None

    @property
    def agrees(self) -> bool:
        return self.error is None and all(c.agrees for c in self.checks)


# --- helpers -------------------------------------------------------------------------------------


def _normalise(value: Any) -> Any:
    """Comparable form of decoded JSON/CBOR: mappings sorted, dates as strings."""
    if isinstance(value, Mapping):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _same_dcc(a: Any, b: Any) -> bool:
    """Equal DCC content; date-times compared at second precision in UTC, as the collection's
    own test suite does (issuers write ``sc`` in different offsets and precisions)."""
    return _canonical_times(_normalise(a)) == _canonical_times(_normalise(b))


def _canonical_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical_times(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical_times(v) for v in value]
    if isinstance(value, str) and len(value) > 10 and value[4:5] == "-" and "T" in value:
        parsed = parse_time(value)
        if parsed is not None:
            return parsed.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def parse_time(text: str) -> dt.datetime | None:
    """ISO 8601 timestamp, offset optional (UTC assumed), ``Z``/``+hh:mm``/``+hhmm``."""
    candidate = text.strip().replace("z", "Z")
    if (
        len(candidate) > 5
        and candidate[-5] in "+-"
        and candidate[-3] != ":"
        and candidate[-4:].isdigit()
    ):
        candidate = f"{candidate[:-2]}:{candidate[-2:]}"
    try:
        parsed = dt.datetime.fromisoformat(candidate.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _hex(data: Mapping[str, Any], key: str) -> bytes:
    if key not in data:
        raise Skip(f"no {key}")
    try:
        return binascii.unhexlify(str(data[key]).strip())
    except (binascii.Error, ValueError):
        raise Skip(f"{key} is not hex") from None


def _dcc_from_cbor(raw: bytes) -> Any:
    """The DCC in a ``CBOR`` field, which files give either bare or as full CWT claims."""
    value = cbor2.loads(raw)
    if isinstance(value, Mapping) and hcert.CLAIM_HCERT in value:
        return value[hcert.CLAIM_HCERT][1]
    return value


class _Vector:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.context = data.get("TESTCTX") or {}

    def certificate(self) -> CertificateInfo:
        encoded = self.context.get("CERTIFICATE")
        if not encoded:
            raise Skip("no TESTCTX.CERTIFICATE")
        return certificate_info(base64.b64decode(encoded))

    def clock(self) -> dt.datetime:
        text = self.context.get("VALIDATIONCLOCK")
        parsed = parse_time(text) if isinstance(text, str) else None
        if parsed is None:
            raise Skip("no usable TESTCTX.VALIDATIONCLOCK")
        return parsed

    def cose_dcc(self) -> tuple[hcert.DecodedHcert | None, Any]:
        """Decoded COSE and its DCC; raises CertificateError when it does not decode."""
        message = decode_sign1(_hex(self.data, "COSE"))
        claims, dcc = hcert.decode_claims(message.payload)
        return hcert.DecodedHcert(message, claims, dcc), dcc

    # one method per expectation; each returns (succeeded, detail) or raises Skip

    def check_validobject(self) -> tuple[bool, str]:
        if "JSON" not in self.data:
            raise Skip("no JSON")
        errors = validate_dcc(self.data["JSON"])
        return not errors, "; ".join(errors)

    def check_schemavalidation(self) -> tuple[bool, str]:
        # the signed payload when the file has one, else the JSON it should decode to, else CBOR
        if "COSE" in self.data:
            try:
                _, dcc = self.cose_dcc()
            except CertificateError as exc:
                return False, str(exc)
        elif "JSON" in self.data:
            dcc = self.data["JSON"]
        elif "CBOR" in self.data:
            try:
                dcc = _dcc_from_cbor(_hex(self.data, "CBOR"))
            except (cbor2.CBORDecodeError, ValueError, TypeError, KeyError) as exc:
                return False, f"CBOR: {exc}"
        else:
            raise Skip("no COSE or CBOR")
        errors = validate_dcc(dcc)
        if errors:
            return False, errors[0]
        types = [t for t in ("v", "t", "r") if t in dcc]
        if len(types) != 1:
            return False, "DCC holds several certificate types"
        unknown = unknown_values(dict(dcc))  # the schema's valueset-uri members
        if unknown:
            return False, f"{unknown[0][0]}: {unknown[0][1]!r} is not in its value set"
        return True, ""

    def check_encode(self) -> tuple[bool, str]:
        if "JSON" not in self.data or "CBOR" not in self.data:
            raise Skip("no JSON and CBOR")
        try:
            ours = cbor2.loads(cbor2.dumps(self.data["JSON"]))
            theirs = _dcc_from_cbor(_hex(self.data, "CBOR"))
        except (
            cbor2.CBORDecodeError,
            cbor2.CBOREncodeError,
            ValueError,
            TypeError,
            KeyError,
        ) as exc:
            return False, str(exc)
        return _same_dcc(ours, theirs), ""

    def check_decode(self) -> tuple[bool, str]:
        if "JSON" not in self.data or not ({"COSE", "CBOR"} & set(self.data)):
            raise Skip("no JSON with COSE or CBOR")
        expected = self.data["JSON"]
        try:
            if "COSE" in self.data:
                _, dcc = self.cose_dcc()
                if not _same_dcc(dcc, expected):
                    return False, "COSE payload differs from JSON"
            if "CBOR" in self.data and not _same_dcc(
                _dcc_from_cbor(_hex(self.data, "CBOR")), expected
            ):
                return False, "CBOR differs from JSON"
        except (CertificateError, cbor2.CBORDecodeError, ValueError, TypeError, KeyError) as exc:
            return False, str(exc)
        return True, ""

    def check_verify(self) -> tuple[bool, str]:
        certificate = self.certificate()
        try:
            message = decode_sign1(_hex(self.data, "COSE"))
        except CertificateError as exc:
            return False, str(exc)
        if message.kid != certificate.kid:
            return False, "kid does not match the signer certificate"
        return hcert.signature_valid(message, certificate.public_key), ""

    def check_unprefix(self) -> tuple[bool, str]:
        if "PREFIX" not in self.data or "BASE45" not in self.data:
            raise Skip("no PREFIX and BASE45")
        try:
            return hcert.unprefix(self.data["PREFIX"]) == self.data["BASE45"], ""
        except CertificateError as exc:
            return False, str(exc)

    def check_validjson(self) -> tuple[bool, str]:
        if "JSON" not in self.data:
            raise Skip("no JSON")
        if "PREFIX" in self.data:
            text = self.data["PREFIX"]
        elif "2DCODE" in self.data:
            ok, text = _read_qr(self.data["2DCODE"])
            if not ok:
                return False, text
        else:
            raise Skip("no PREFIX or 2DCODE")
        try:
            decoded = hcert.decode(text)
        except CertificateError as exc:
            return False, str(exc)
        return _same_dcc(decoded.dcc, self.data["JSON"]), ""

    def check_compression(self) -> tuple[bool, str]:
        compressed, cose = _hex(self.data, "COMPRESSED"), _hex(self.data, "COSE")
        try:
            return zlib.decompress(compressed) == cose, ""
        except zlib.error as exc:
            return False, str(exc)

    def check_b45decode(self) -> tuple[bool, str]:
        if "BASE45" not in self.data:
            raise Skip("no BASE45")
        compressed = _hex(self.data, "COMPRESSED")
        try:
            return b45decode(self.data["BASE45"]) == compressed, ""
        except CertificateError as exc:
            return False, str(exc)

    def check_picturedecode(self) -> tuple[bool, str]:
        if "2DCODE" not in self.data or "PREFIX" not in self.data:
            raise Skip("no 2DCODE and PREFIX")
        ok, text = _read_qr(self.data["2DCODE"])
        return ok and text == self.data["PREFIX"], "" if ok else text

    def check_expirationcheck(self) -> tuple[bool, str]:
        certificate, clock = self.certificate(), self.clock()
        try:
            decoded, _ = self.cose_dcc()
        except CertificateError as exc:
            return False, str(exc)
        assert decoded is not None
        issued, expires = decoded.issued_at, decoded.expires_at
        if issued is None or expires is None:
            return False, "CWT lacks iat or exp"
        # valid at the clock, signed by a DSC valid at the clock; the certificate may outlive
        # its DSC by a little (PL 1.3.0/6 expects seconds of overlap to pass)
        ok = issued <= clock <= expires and certificate.not_before <= clock <= certificate.not_after
        return (
            ok,
            "" if ok else f"iat {issued:%Y-%m-%d}, exp {expires:%Y-%m-%d}, clock {clock:%Y-%m-%d}",
        )

    def check_keyusage(self) -> tuple[bool, str]:
        certificate = self.certificate()
        try:
            decoded, _ = self.cose_dcc()
        except CertificateError as exc:
            return False, str(exc)
        assert decoded is not None
        return hcert.key_usage_allows(certificate.extended_key_usages, decoded.certificate_type), ""


def _read_qr(encoded_png: str) -> tuple[bool, str]:
    """(True, text) of the QR in a base64 PNG, or (False, why)."""
    try:
        from vaxkit.certificates.qr_reading import read_qr_text
    except ImportError as exc:  # pragma: no cover - depends on optional packages
        raise Skip(str(exc)) from None
    try:
        image = base64.b64decode(encoded_png)
    except (binascii.Error, ValueError) as exc:
        return False, f"2DCODE is not base64: {exc}"
    try:
        return True, read_qr_text(image)
    except CertificateError as exc:
        if exc.code == "missing_dependency":
            raise Skip(exc.message) from None
        return False, exc.message


# --- running -------------------------------------------------------------------------------------


def check_data(data: Mapping[str, Any], path: str = "") -> FileResult:
    """Run every expectation of one parsed test file."""
    vector = _Vector(data)
    result = FileResult(path, str(vector.context.get("DESCRIPTION", "")))
    expectations = data.get("EXPECTEDRESULTS") or {}
    for name in CHECKS:
        if name not in expectations:
            continue
        method: Callable[[], tuple[bool, str]] = getattr(vector, "check_" + name[8:].lower())
        try:
            actual, detail = method()
        except Skip as skip:
            result.checks.append(
                CheckResult(name, bool(expectations[name]), None, f"skipped: {skip}")
            )
            continue
        except CertificateError as exc:
            actual, detail = False, str(exc)
        check = CheckResult(name, bool(expectations[name]), actual, detail)
        if check.actual != check.expected:
            check.known_issue = known_issue(path, name)
        result.checks.append(check)
    return result


def check_file(path: Path, root: Path | None = None) -> FileResult:
    label = str(path.relative_to(root)) if root else str(path)
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return FileResult(label, error=f"cannot read test file: {exc}")
    if not isinstance(data, dict) or "EXPECTEDRESULTS" not in data:
        return FileResult(label, error="not a test file (no EXPECTEDRESULTS)")
    return check_data(data, label)


def test_files(root: Path) -> list[Path]:
    """Test files under ``root``: JSON files with ``EXPECTEDRESULTS``."""
    files = []
    for path in sorted(root.rglob("*.json")):
        try:
            head = path.read_text("utf-8", errors="replace")
        except OSError:
            continue
        if "EXPECTEDRESULTS" in head:
            files.append(path)
    return files


def check_directory(root: Path) -> list[FileResult]:
    return [check_file(path, root) for path in test_files(root)]


@dataclass(frozen=True)
class Summary:
    files: int
    files_agreeing: int
    checks: int
    """Checks run (skipped ones not counted)."""
    checks_agreeing: int
    known_issues: int
    """Disagreements on expectations the collection's maintainers list as wrong."""
    skipped: int

    @property
    def all_agree(self) -> bool:
        return self.files == self.files_agreeing


def summary(results: Iterable[FileResult]) -> Summary:
    results = list(results)
    checks = [c for r in results for c in r.checks]
    ran = [c for c in checks if c.actual is not None]
    return Summary(
        files=len(results),
        files_agreeing=sum(r.agrees for r in results),
        checks=len(ran),
        checks_agreeing=sum(c.agrees for c in ran),
        known_issues=sum(c.known_issue is not None for c in ran),
        skipped=len(checks) - len(ran),
    )
