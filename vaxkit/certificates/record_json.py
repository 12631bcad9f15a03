"""``VaccinationRecord`` to and from JSON, with defaults taken from the country profile.

Used by ``vaxkit cert issue`` and by demos: a record file need only say who was vaccinated with
what and when; issuer, country, vaccine codes, certificate id and validity come from the profile.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.record import VaccinationRecord
from vaxkit.certificates.uvci import new_uvci

if TYPE_CHECKING:
    from vaxkit.profiles.schema import Profile

_FIELDS = {f.name: f for f in dataclasses.fields(VaccinationRecord)}
_REQUIRED = {
    n
    for n, f in _FIELDS.items()
    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
}


def record_to_dict(record: VaccinationRecord) -> dict[str, Any]:
    """JSON-ready dict (dates and datetimes in ISO 8601)."""
    out: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(record, name)
        out[name] = value.isoformat() if isinstance(value, dt.date | dt.datetime) else value
    return out


def record_from_dict(
    data: dict[str, Any], profile: Profile | None = None, *, now: dt.datetime | None = None
) -> VaccinationRecord:
    """Build a record from JSON data, filling what is missing from ``profile``.

    Raises ``CertificateError('bad_record')`` naming the missing or malformed field.
    """
    if not isinstance(data, dict):
        raise CertificateError("bad_record", "a record is a JSON object")
    unknown = set(data) - set(_FIELDS)
    if unknown:
        raise CertificateError("bad_record", f"unknown record fields: {', '.join(sorted(unknown))}")
    values = dict(data)
    if profile is not None:
        _fill_from_profile(values, profile, now or dt.datetime.now(dt.UTC))
    missing = sorted(_REQUIRED - set(values))
    if missing:
        raise CertificateError("bad_record", f"record lacks {', '.join(missing)}")
    try:
        values["date"] = _date(values["date"])
        for key in ("issued_at", "expires_at"):
            values[key] = _datetime(values[key])
        for key in ("dose_number", "total_doses"):
            values[key] = int(values[key])
    except (TypeError, ValueError) as exc:
        raise CertificateError("bad_record", f"malformed record date or number: {exc}") from None
    return VaccinationRecord(**values)


def _fill_from_profile(values: dict[str, Any], profile: Profile, now: dt.datetime) -> None:
    certificates = profile.certificates
    values.setdefault("country", certificates.country)
    values.setdefault("issuer", profile.text(certificates.issuer_name, "en"))
    values.setdefault("issued_at", now.replace(microsecond=0).isoformat())
    issued = _datetime(values["issued_at"])
    values.setdefault(
        "expires_at", (issued + dt.timedelta(days=certificates.validity_days)).isoformat()
    )
    values.setdefault("certificate_id", new_uvci(values["country"], certificates.id_prefix))
    if values["country"] == profile.country.code:
        extras = dict(values.get("extras") or {})
        extras.setdefault("country_alpha3", profile.country.alpha3)
        values["extras"] = extras
    code = values.get("vaccine_code")
    if code is None:
        return
    try:
        vaccine = profile.vaccine(code)
    except KeyError:
        raise CertificateError("bad_record", f"vaccine {code!r} is not in the profile") from None
    values.setdefault("vaccine_name", vaccine.name)
    values.setdefault("manufacturer", vaccine.manufacturer)
    values.setdefault("total_doses", vaccine.doses)
    codes = vaccine.codes
    for field, value in (
        ("eu_vp", codes.eu_vp),
        ("eu_mp", codes.eu_mp),
        ("eu_ma", codes.eu_ma),
        ("cvx", codes.cvx),
        ("icd11", codes.icd11),
    ):
        if value is not None:
            values.setdefault(field, value)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _datetime(value: Any) -> dt.datetime:
    parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
