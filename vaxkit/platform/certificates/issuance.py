"""Issuing and revoking certificates (named service functions, DESIGN.md house rule 2).

A certificate is signed once, at issue time, in every format the tenant's profile selects; the
payload strings are stored and never re-signed. Each recorded dose gets a certificate:
provisional while the series is incomplete, final after it; the new one supersedes the
beneficiary's previous certificate (which stays verifiable: it was true when issued).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from vaxkit.certificates import CertificateError, SigningKeyError, encode
from vaxkit.certificates.issue import SIGNER_PURPOSE, signed_formats
from vaxkit.certificates.record_json import record_to_dict
from vaxkit.platform.audit.records import audit
from vaxkit.platform.certificates.keystore import keyring
from vaxkit.platform.certificates.models import Certificate
from vaxkit.platform.certificates.records import record_for_dose
from vaxkit.platform.errors import Conflict, NotFound, ServiceError
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.tenants.current import current_profile
from vaxkit.platform.vaccination.models import Dose

log = logging.getLogger(__name__)


def issue_certificate(dose: Dose, *, actor: Any, reissue: bool = False) -> Certificate:
    """Sign and store the certificate for ``dose``.

    Idempotent: a dose that already has a current certificate gets it back, unless
    ``reissue`` (e.g. after a name correction or a key revocation), which signs a new one that
    supersedes it. Errors: ``certificate.no_formats``, ``certificate.record`` (the profile
    lacks data a format needs), ``certificate.signing`` (no usable key).
    """
    profile = current_profile()
    formats = signed_formats(profile)
    if not formats:
        raise ServiceError("certificate.no_formats", "The profile selects no signed format.")
    with transaction.atomic():
        # one issuance per beneficiary at a time: serialises a retry racing the first attempt
        Beneficiary.objects.select_for_update().filter(pk=dose.beneficiary_id).first()
        existing = Certificate.objects.filter(
            dose=dose, superseded_by__isnull=True, revoked_at__isnull=True
        ).first()
        if existing is not None and not reissue:
            return existing
        now = timezone.now().replace(microsecond=0)
        try:
            record = record_for_dose(dose, profile, issued_at=now)
            payloads, key_ids = _sign_all(record, formats, profile.certificates.issuer_url)
        except SigningKeyError as error:
            raise ServiceError("certificate.signing", error.message, reason=error.code) from None
        except CertificateError as error:
            raise ServiceError("certificate.record", error.message, reason=error.code) from None
        certificate = Certificate.objects.create(
            certificate_id=record.certificate_id,
            beneficiary_id=dose.beneficiary_id,
            dose=dose,
            status=(
                Certificate.Status.FINAL
                if record.series_complete
                else Certificate.Status.PROVISIONAL
            ),
            record=record_to_dict(record),
            payloads=payloads,
            key_ids=key_ids,
            issued_at=now,
        )
        Certificate.objects.filter(
            beneficiary_id=dose.beneficiary_id, superseded_by__isnull=True
        ).exclude(pk=certificate.pk).update(superseded_by=certificate)
        audit(
            actor,
            "certificate.issue",
            certificate,
            purpose="certificate",
            details={"dose": dose.dose_number, "formats": formats},
        )
    return certificate


def _sign_all(record: Any, formats: list[str], issuer_url: str) -> tuple[dict[str, str], dict]:
    ring = keyring()
    payloads: dict[str, str] = {}
    key_ids: dict[str, str] = {}
    for fmt in formats:
        key = ring.active(SIGNER_PURPOSE[fmt])
        payloads[fmt] = encode(record, fmt, key.signer(), issuer_url=issuer_url)
        key_ids[fmt] = key.key_id
    return payloads, key_ids


def revoke_certificate(certificate: Certificate, *, actor: Any, reason: str) -> Certificate:
    """Revoke a certificate: its id is published on the revocation list, so every format of it
    fails verification once verifiers refresh their trust material. Errors:
    ``certificate.reason`` (1-200 characters needed), ``certificate.already_revoked``."""
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise ServiceError("certificate.reason", "Give a reason of 1-200 characters.")
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason
        )
        if not updated:
            raise Conflict("certificate.already_revoked", "The certificate is already revoked.")
        audit(actor, "certificate.revoke", certificate, purpose="certificate")
    certificate.refresh_from_db()
    return certificate


def get_certificate(certificate_id: str) -> Certificate:
    """The tenant's certificate with this id. Errors: ``certificate.not_found``."""
    found = (
        Certificate.objects.select_related("beneficiary")
        .filter(certificate_id=certificate_id.strip())
        .first()
    )
    if found is None:
        raise NotFound("certificate.not_found", "No such certificate.")
    return found


def certificates_for(beneficiary: Beneficiary) -> QuerySet[Certificate]:
    """Every certificate of ``beneficiary``, oldest first (callers authorise the reader)."""
    return Certificate.objects.filter(beneficiary=beneficiary).order_by("issued_at", "id")


def current_certificate(beneficiary: Beneficiary) -> Certificate | None:
    """The beneficiary's certificate to show and download: the latest, unless revoked."""
    return (
        Certificate.objects.filter(
            beneficiary=beneficiary, superseded_by__isnull=True, revoked_at__isnull=True
        )
        .order_by("-issued_at", "-id")
        .first()
    )


def revoked_certificate_ids(since: dt.datetime | None = None) -> list[str]:
    """Ids of revoked certificates (for the revocation list)."""
    rows = Certificate.objects.filter(revoked_at__isnull=False)
    if since is not None:
        rows = rows.filter(revoked_at__gte=since)
    return list(rows.values_list("certificate_id", flat=True))
