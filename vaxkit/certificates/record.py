"""The canonical vaccination record every certificate format is encoded from.

Modelled on the WHO DDCC:VS core data set: one record per dose, holding only what the formats
require (no identity-document number, phone or address; see DESIGN.md section 5).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

COVID19_SNOMED = "840539006"  # SNOMED CT "COVID-19", EU DCC `tg`


@dataclass(frozen=True, slots=True)
class VaccinationRecord:
    """One dose, ready to be encoded and signed."""

    certificate_id: str
    """Unique certificate identifier (an EU UVCI such as ``URN:UVCI:01:VN:MOH0001ABCD#K``)."""
    given_name: str
    """Given name(s) in the national script."""
    family_name: str
    """Family name(s) in the national script (may be empty for mononyms)."""
    given_name_latin: str
    """ICAO 9303 machine-readable form of the given name (``A-Z`` and ``<``)."""
    family_name_latin: str
    """ICAO 9303 machine-readable form of the family name."""
    date_of_birth: str
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the EU DCC allows partial dates)."""
    sex: str
    """FHIR administrative gender: ``male``, ``female``, ``other`` or ``unknown``."""
    vaccine_code: str
    """The profile's vaccine code (``covishield``)."""
    vaccine_name: str
    """Product name as printed (``Covishield``)."""
    manufacturer: str
    """Manufacturer name as printed."""
    eu_vp: str
    """EU vaccine-prophylaxis code (``J07BX03``)."""
    eu_mp: str
    """EU medicinal-product code (``EU/1/20/1528`` or a national product name)."""
    eu_ma: str
    """EU marketing-authorisation-holder code (``ORG-100030215``)."""
    dose_number: int
    """This dose's number in the series (boosters continue the count: 3 after a 2-dose series)."""
    total_doses: int
    """Doses in the series as recorded (``sd`` in the EU DCC)."""
    date: dt.date
    """Date of vaccination."""
    country: str
    """ISO 3166-1 alpha-2 country of vaccination."""
    issuer: str
    """Issuing authority's name."""
    issued_at: dt.datetime
    """When the certificate was signed (timezone-aware UTC)."""
    expires_at: dt.datetime
    """End of validity (timezone-aware UTC)."""
    disease: str = COVID19_SNOMED
    """Targeted disease (SNOMED CT)."""
    cvx: str | None = None
    """CDC CVX code of the vaccine, for SMART Health Cards."""
    icd11: str | None = None
    """ICD-11 code of the vaccine, for the W3C VC / DDCC."""
    lot: str | None = None
    """Batch or lot number."""
    facility: str | None = None
    """Name of the vaccination centre."""
    facility_area: str | None = None
    """Admin area of the centre (district, state), as printed."""
    vaccinator: str | None = None
    """Name of the vaccinator (CoWIN certificates print it)."""
    beneficiary_ref: str | None = None
    """The platform's beneficiary reference id (CoWIN's ``preEnrollmentCode``); not personal."""
    extras: dict[str, str] = field(default_factory=dict)
    """Format-specific extras (never personal data)."""

    @property
    def full_name(self) -> str:
        """Name as displayed in the national script."""
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    @property
    def series_complete(self) -> bool:
        """Final certificate after the series, provisional before."""
        return self.dose_number >= self.total_doses
