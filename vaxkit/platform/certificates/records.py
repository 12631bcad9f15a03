"""A recorded dose as the canonical certificate record (``VaccinationRecord``).

Only what the formats require goes in (DESIGN.md section 5): names, date of birth, sex, vaccine,
dose, date, place, issuer and ids. Never the ID-document number, the phone or the address.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vaxkit.certificates import CertificateError
from vaxkit.certificates.issue import signed_formats
from vaxkit.certificates.record import VaccinationRecord
from vaxkit.certificates.record_json import record_from_dict
from vaxkit.identity.names import travel_names
from vaxkit.platform.vaccination.models import Dose
from vaxkit.profiles.schema import Profile


def _script_names(profile: Profile, parts: dict[str, str]) -> tuple[str, str]:
    """(given, family) in the national script, grouped by each part's travel role."""
    roles = {part.key: part.travel_role for part in profile.names.parts}
    order = list(profile.names.display_order) + [
        p.key for p in profile.names.parts if p.key not in profile.names.display_order
    ]
    groups: dict[str, list[str]] = {"given": [], "family": []}
    for key in order:
        value = (parts.get(key) or "").strip()
        role = roles.get(key)
        if value:
            groups[role if role in groups else "given"].append(value)
    given, family = " ".join(groups["given"]), " ".join(groups["family"])
    if not family:  # mononym: the single name is the primary identifier, as in ICAO 9303
        given, family = "", given
    return given, family


def _sex(profile: Profile, gender: str) -> str:
    for option in profile.registration.genders:
        if option.code == gender:
            return option.fhir
    return "unknown"


def record_for_dose(
    dose: Dose,
    profile: Profile,
    *,
    certificate_id: str | None = None,
    issued_at: dt.datetime | None = None,
) -> VaccinationRecord:
    """The record to sign for ``dose``. Raises ``CertificateError('bad_record')`` when the
    profile lacks something a record needs (e.g. the vaccine's codes)."""
    person = dose.beneficiary
    parts = {k: v for k, v in (person.name_parts or {}).items() if isinstance(v, str)}
    given, family = _script_names(profile, parts)
    given_latin, family_latin = travel_names(profile.names, parts)
    facility = dose.facility
    data: dict[str, Any] = {
        "given_name": given,
        "family_name": family,
        "given_name_latin": given_latin,
        "family_name_latin": family_latin,
        "date_of_birth": (
            person.birth_date.isoformat() if person.birth_date else f"{person.birth_year:04d}"
        ),
        "sex": _sex(profile, person.gender),
        "vaccine_code": dose.vaccine.code,
        "dose_number": dose.dose_number,
        "date": dose.date.isoformat(),
        "lot": dose.lot,
        "facility": facility.name,
        "facility_area": facility.area.name(profile.languages.default) or None,
        "vaccinator": dose.vaccinator.display_name or None,
        "beneficiary_ref": person.reference_id,
    }
    if certificate_id:
        data["certificate_id"] = certificate_id
    if issued_at is not None:
        data["issued_at"] = issued_at.replace(microsecond=0).isoformat()
    record = record_from_dict(data, profile)
    # EU DCC (fnt/gnt) and ICAO VDS-NC need the ICAO 9303 form; W3C VCs and SMART Health Cards
    # carry the name as registered (CoWIN's single "Name" part has no travel role at all)
    travel = {"eu_dcc", "icao_vds"} & set(signed_formats(profile))
    if travel and not record.family_name_latin and not record.given_name_latin:
        raise CertificateError(
            "bad_record", "the name has no Latin transliteration for travel certificates"
        )
    return record
