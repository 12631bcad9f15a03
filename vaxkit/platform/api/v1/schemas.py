"""Request and response bodies of the own API (pydantic, through django-ninja).

Every text input refuses NUL characters and is length-bounded, so malformed input is a 400,
never a database error.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, Field, StringConstraints


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def Text(max_length: int, min_length: int = 0) -> Any:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(_no_nul),
    ]


class ErrorDetail(Schema):
    code: str = Field(description="Stable machine-readable code (`booking.full`).")
    message: str = Field(description="Human-readable text.")

    model_config = {"extra": "allow"}


class ErrorOut(Schema):
    error: ErrorDetail


class OtpRequest(Schema):
    mobile: Text(32, 1)


class OtpSentOut(Schema):
    txn_id: str
    expires_in: int
    length: int


class OtpConfirm(Schema):
    txn_id: Text(64, 1)
    otp: Text(64, 1) = Field(description="The digits, or their SHA-256 hex digest.")


class SessionTokenOut(Schema):
    token: str
    expires_at: dt.datetime


class StaffLogin(Schema):
    username: Text(150, 1)
    password: Text(128, 1)


class StaffTokenOut(Schema):
    token: str
    role: str
    scopes: list[str]
    expires_in: int


class ClientCredentials(Schema):
    client_id: Text(40, 1)
    client_secret: Text(100, 1)


class PartnerTokenOut(Schema):
    access_token: str
    token_type: str = "Bearer"  # noqa: S105 (the scheme name, not a secret)
    scopes: list[str]
    expires_in: int


class AreaOut(Schema):
    id: int
    code: str
    name: str
    level: int
    level_key: str
    parent_id: int | None


class NamedCode(Schema):
    code: str
    name: str


class ReferenceOut(Schema):
    languages: list[str]
    areas: list[AreaOut]
    vaccines: list[NamedCode]
    id_documents: list[NamedCode]
    genders: list[NamedCode]
    consent_version: str


class CapacityOut(Schema):
    dose_number: int = Field(description="0: seats shared by every dose.")
    capacity: int
    available: int


class SessionOut(Schema):
    session_id: str
    date: dt.date
    facility_id: int
    facility_name: str
    address: str
    postal_code: str
    area_code: str
    latitude: float
    longitude: float
    fee_type: str
    distance_km: float | None
    vaccine: str
    vaccine_name: str
    min_age: int
    max_age: int | None
    slots: list[str]
    capacity: list[CapacityOut]


class AvailabilityOut(Schema):
    sessions: list[SessionOut]
    next_offset: int | None


class BeneficiaryIn(Schema):
    name_parts: dict[Text(32, 1), Text(200)]
    gender: Text(12, 1)
    id_type: Text(64, 1)
    id_number: Text(64, 1)
    consent_version: Text(16, 1)
    birth_date: dt.date | None = None
    birth_year: int | None = Field(None, ge=1800, le=3000)
    qualifiers: list[Text(64, 1)] = Field(default_factory=list, max_length=20)


class BeneficiaryOut(Schema):
    reference_id: str
    display_name: str
    birth_year: int
    gender: str
    id_type: str
    id_masked: str


class ReasonOut(Schema):
    code: str
    message: str

    model_config = {"extra": "allow"}


class DoseOut(Schema):
    dose_number: int
    vaccine: str
    vaccine_name: str
    date: dt.date
    facility: str


class AppointmentOut(Schema):
    appointment_id: str
    dose_number: int
    status: str
    date: dt.date
    slot: str
    facility: str
    vaccine: str
    security_code: str


class NextDoseOut(Schema):
    dose_number: int | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None

    model_config = {"extra": "allow"}


class StatusOut(BeneficiaryOut):
    cohort: str | None
    cohort_label: str | None
    eligible: bool
    reasons: list[ReasonOut]
    doses: list[DoseOut]
    next_dose: dict[str, Any] | None
    series_complete: bool
    appointments: list[AppointmentOut]


class BookingIn(Schema):
    beneficiary: Text(32, 1)
    session_id: Text(64, 1)
    slot: Text(40) = ""
    dose: int | None = Field(None, ge=1, le=20)


class RescheduleIn(Schema):
    session_id: Text(64, 1)
    slot: Text(40) = ""


class SlipOut(Schema):
    appointment_id: str
    reference_id: str
    name: str
    id_masked: str
    dose_number: int
    vaccine: str
    vaccine_name: str
    date: dt.date
    slot: str
    facility: str
    address: str
    postal_code: str
    security_code: str


class CertificateOut(Schema):
    certificate_id: str
    status: str
    issued_at: dt.datetime
    payloads: dict[str, str]


class VerifyIn(Schema):
    payload: Text(16_000, 1)


class VerdictOut(Schema):
    valid: bool
    format: str | None
    reason: str | None
    message: str
    content: dict[str, Any]


class VerifyBeneficiaryIn(Schema):
    reference_id: Text(32, 1)
    security_code: Text(8, 1)


class VerifiedOut(Schema):
    reference_id: str
    display_name: str
    birth_year: int
    gender: str
    id_type: str
    id_masked: str
    next_dose_number: int
    appointment_id: str | None


class DoseIn(Schema):
    reference_id: Text(32, 1)
    vaccine: Text(64, 1)
    dose_number: int = Field(ge=1, le=20)
    lot: Text(40, 1)
    site: Text(12) = "left_arm"
    date: dt.date | None = None
    appointment_id: Text(64) = ""


class DoseRecordedOut(Schema):
    dose_id: int
    reference_id: str
    vaccine: str
    dose_number: int
    date: dt.date
    lot: str


class AdverseEventIn(Schema):
    dose_id: int = Field(ge=1, le=2**62)
    onset_date: dt.date
    severity: Text(12, 1)
    symptoms: list[Text(200, 1)] = Field(min_length=1, max_length=30)
    outcome: Text(20, 1)
    serious: bool = False
    notes: Text(2000) = ""


class AdverseEventOut(Schema):
    event_id: int
    dose_id: int
    serious: bool


class DoseCountOut(Schema):
    date: dt.date
    vaccine: str
    dose_number: int
    doses: int


class DoseReportOut(Schema):
    rows: list[DoseCountOut]
