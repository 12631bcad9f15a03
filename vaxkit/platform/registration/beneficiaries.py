"""Registering beneficiaries: names per the profile's name model, birth data, gender, an
identity document checked by :mod:`vaxkit.identity`, sealed, hashed for uniqueness, masked."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vaxkit.identity.check import check_document
from vaxkit.identity.errors import IdentityError
from vaxkit.platform.actors import citizen_account
from vaxkit.platform.audit.records import audit
from vaxkit.platform.errors import Conflict, Forbidden, NotFound, ServiceError
from vaxkit.platform.registration.models import Account, Beneficiary
from vaxkit.platform.registration.names import clean_name
from vaxkit.platform.sealing import id_digest
from vaxkit.platform.tenants.current import current_profile, local_today
from vaxkit.profiles.schema import Profile

MAX_AGE = 130


@dataclass(frozen=True)
class BeneficiaryInput:
    """What a registration form or API call supplies."""

    name_parts: dict[str, str]
    gender: str
    id_type: str
    id_number: str
    consent_version: str
    birth_date: dt.date | None = None
    birth_year: int | None = None
    qualifiers: tuple[str, ...] = ()


def register_beneficiary(
    data: BeneficiaryInput,
    *,
    actor: Any,
    account: Account | None = None,
    source: str = Beneficiary.Source.SELF,
) -> Beneficiary:
    """Register a person under ``account`` (the signed-in citizen's by default).

    Errors (``ServiceError.code``): ``name.*``, ``birth.*``, ``gender.unknown``,
    ``id.type_unknown``, ``id.*`` from the document rules, ``consent.outdated``,
    ``qualifier.unknown``, ``registration.limit``, ``registration.duplicate_id``.
    """
    profile = current_profile()
    account = account or citizen_account(actor)
    if account is None and source == Beneficiary.Source.SELF:
        raise Forbidden("auth.sign_in_required", "Sign in with your mobile number first.")
    name_parts, display_name = clean_name(profile, data.name_parts)
    birth_date, birth_year = _birth(profile, data.birth_date, data.birth_year)
    if data.gender not in {g.code for g in profile.registration.genders}:
        raise ServiceError("gender.unknown", "Choose one of the genders offered.")
    unknown = set(data.qualifiers) - {q.code for q in profile.cohorts.qualifiers}
    if unknown:
        raise ServiceError("qualifier.unknown", "Unknown condition or occupation.")
    if data.consent_version != profile.registration.consent_version:
        raise ServiceError(
            "consent.outdated",
            "Please read and accept the current consent text.",
            current=profile.registration.consent_version,
        )
    try:
        document = profile.id_document(data.id_type)
    except KeyError:
        raise ServiceError("id.type_unknown", "This identity document is not accepted.") from None
    try:
        checked = check_document(document, data.id_number)
    except IdentityError as exc:
        raise ServiceError(exc.code, exc.message) from None
    beneficiary = Beneficiary(
        reference_id=new_reference_id(),
        account=account,
        name_parts=name_parts,
        display_name=display_name,
        birth_date=birth_date,
        birth_year=birth_year,
        gender=data.gender,
        id_type=document.code,
        id_number=checked.normalised,
        id_hash=id_digest(document.code, checked.normalised),
        id_masked=checked.masked,
        qualifiers=sorted(set(data.qualifiers)),
        consent_version=data.consent_version,
        consented_at=timezone.now(),
        source=source,
    )
    try:
        with transaction.atomic():
            if account is not None:
                # the row lock makes the per-account limit hold under concurrent requests
                Account.objects.select_for_update().filter(pk=account.pk).first()
                limit = profile.registration.beneficiaries_per_account
                if account.beneficiaries.count() >= limit:
                    raise Conflict(
                        "registration.limit",
                        f"One mobile number can register at most {limit} people.",
                        limit=limit,
                    )
            beneficiary.save()
            audit(
                actor,
                "beneficiary.register",
                beneficiary,
                purpose="registration",
                details={"source": source, "id_type": document.code},
            )
    except IntegrityError:
        raise Conflict(
            "registration.duplicate_id",
            "This identity document is registered already.",
        ) from None
    return beneficiary


def _birth(
    profile: Profile, birth_date: dt.date | None, birth_year: int | None
) -> tuple[dt.date | None, int]:
    today = local_today(profile)
    if profile.registration.year_of_birth_only:
        if birth_year is None and birth_date is not None:
            birth_year = birth_date.year
        birth_date = None
    if birth_date is not None:
        if birth_date > today:
            raise ServiceError("birth.future", "The date of birth is in the future.")
        birth_year = birth_date.year
    if birth_year is None:
        raise ServiceError("birth.missing", "Give the date or year of birth.")
    if birth_year > today.year or birth_year < today.year - MAX_AGE:
        raise ServiceError("birth.implausible", "The year of birth is not plausible.")
    return birth_date, birth_year


def new_reference_id() -> str:
    """A 14-digit beneficiary reference id (the form CoWIN used), random and unused."""
    while True:
        candidate = f"{secrets.randbelow(9 * 10**13) + 10**13}"
        if not Beneficiary.objects.filter(reference_id=candidate).exists():
            return candidate


def beneficiaries_of(account: Account) -> list[Beneficiary]:
    """The beneficiaries registered under ``account``."""
    return list(account.beneficiaries.order_by("created_at", "id"))


def beneficiary_for(actor: Any, reference_id: str) -> Beneficiary:
    """The citizen's own beneficiary ``reference_id``; ``beneficiary.not_found`` otherwise
    (also for other people's: their existence is not revealed)."""
    account = citizen_account(actor)
    found = (
        Beneficiary.objects.filter(reference_id=reference_id, account=account).first()
        if account is not None
        else None
    )
    if found is None:
        raise NotFound("beneficiary.not_found", "No such beneficiary under this account.")
    return found


def remove_beneficiary(reference_id: str, *, actor: Any) -> None:
    """Remove a beneficiary who has no doses or appointments (``beneficiary.in_use``)."""
    beneficiary = beneficiary_for(actor, reference_id)
    with transaction.atomic():
        if (
            beneficiary.doses.exists()
            or beneficiary.appointments.filter(status__in=["booked", "completed"]).exists()
        ):
            raise Conflict(
                "beneficiary.in_use",
                "A person with doses or appointments cannot be removed.",
            )
        audit(actor, "beneficiary.remove", beneficiary, purpose="registration")
        beneficiary.appointments.all().delete()
        beneficiary.delete()
