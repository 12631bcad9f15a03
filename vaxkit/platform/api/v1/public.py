"""Endpoints without a signed-in citizen: reference lists, availability, sign-in and token
exchange for every kind of caller, certificate verification."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.responses import codes_4xx
from pydantic import Field

from vaxkit.platform.actors import Anonymous
from vaxkit.platform.api.caching import cached_json
from vaxkit.platform.api.credentials import (
    TOKEN_SECONDS,
    issue_partner_token,
    issue_staff_token,
)
from vaxkit.platform.api.inputs import client_ip
from vaxkit.platform.api.otp_digests import otp_digits
from vaxkit.platform.api.ratelimits import check_otp_confirm, check_otp_send
from vaxkit.platform.api.v1.schemas import (
    AvailabilityOut,
    ClientCredentials,
    ErrorOut,
    OtpConfirm,
    OtpRequest,
    OtpSentOut,
    PartnerTokenOut,
    ReferenceOut,
    SessionTokenOut,
    StaffLogin,
    StaffTokenOut,
    Text,
    VerdictOut,
    VerifyIn,
)
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.reference.models import AdminArea
from vaxkit.platform.registration.signin import confirm_otp, parse_phone, request_otp
from vaxkit.platform.scheduling.search import SessionSummary, find_sessions
from vaxkit.platform.sealing import phone_digest
from vaxkit.platform.tenants.current import current_profile

router = Router(tags=["public"])
ERRORS = {codes_4xx: ErrorOut}
CERTIFICATES_APP = "vaxkit.platform.certificates"


@router.get("/reference", response={200: ReferenceOut, **ERRORS}, summary="Reference lists")
def reference(request: HttpRequest, lang: Text(16) = "") -> dict[str, Any]:
    """Admin areas, vaccines, identity documents and genders in ``lang`` (else the default)."""
    profile = current_profile()
    language = lang if lang in profile.languages.supported else None
    keys = [level.key for level in profile.admin_areas.levels]
    areas = [
        {
            "id": a.pk,
            "code": a.code,
            "name": a.name(language),
            "level": a.level,
            "level_key": keys[a.level] if a.level < len(keys) else a.level_key,
            "parent_id": a.parent_id,
        }
        for a in AdminArea.objects.filter(active=True).order_by("level", "position", "code")
    ]
    return {
        "languages": list(profile.languages.supported),
        "areas": areas,
        "vaccines": [{"code": v.code, "name": v.name} for v in profile.vaccines],
        "id_documents": [
            {"code": d.code, "name": profile.text(d.labels, language)} for d in profile.id_documents
        ],
        "genders": [
            {"code": g.code, "name": profile.text(g.labels, language)}
            for g in profile.registration.genders
        ],
        "consent_version": profile.registration.consent_version,
    }


class AvailabilityQuery(Schema):
    date: dt.date
    days: int = Field(1, ge=1, le=7)
    postal_code: Text(16) = ""
    area: Text(32) = ""
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    radius_km: float = Field(10.0, gt=0, le=100)
    vaccine: Text(64) = ""
    available_only: bool = False
    limit: int = Field(100, ge=1, le=10_000)
    offset: int = Field(0, ge=0, le=100_000)


def _session_json(s: SessionSummary) -> dict[str, Any]:
    f = s.facility
    return {
        "session_id": s.session_id,
        "date": s.date,
        "facility_id": f.facility_id,
        "facility_name": f.name,
        "address": f.address,
        "postal_code": f.postal_code,
        "area_code": f.area_code,
        "latitude": f.latitude,
        "longitude": f.longitude,
        "fee_type": f.fee_type,
        "distance_km": f.distance_km,
        "vaccine": s.vaccine,
        "vaccine_name": s.vaccine_name,
        "min_age": s.min_age,
        "max_age": s.max_age,
        "slots": list(s.slots),
        "capacity": [
            {"dose_number": n, "capacity": c, "available": a} for n, (c, a) in s.capacity.items()
        ],
    }


@router.get("/availability", response={200: AvailabilityOut, **ERRORS}, summary="Find sessions")
def availability(request: HttpRequest, q: Query[AvailabilityQuery]) -> HttpResponse:
    """Sessions from ``date`` for ``days`` days by ONE of: ``postal_code``, ``area`` (an admin
    area code, with everything inside it) or ``lat``+``lon`` within ``radius_km``. Paged by
    ``limit`` (at most the profile's ``api_limits.page_size_max``) and ``offset``."""
    page_max = current_profile().api_limits.page_size_max
    if q.limit > page_max:
        raise ServiceError("request.page_size", f"limit is at most {page_max}.", limit=page_max)
    near = (q.lat, q.lon) if q.lat is not None and q.lon is not None else None
    if (q.lat is None) != (q.lon is None):
        raise ServiceError("search.criteria", "Give both lat and lon.")
    criteria = {
        "postal_code": q.postal_code or None,
        "area_code": q.area or None,
        "near": near,
    }
    scope = f"pin:{q.postal_code}" if q.postal_code else f"area:{q.area}" if q.area else "near"

    def build() -> bytes:
        found = find_sessions(
            on=q.date,
            days=q.days,
            radius_km=q.radius_km,
            vaccine=q.vaccine or None,
            available_only=q.available_only,
            limit=q.offset + q.limit + 1,
            **criteria,
        )
        page = found[q.offset : q.offset + q.limit]
        more = len(found) > q.offset + q.limit
        body = {
            "sessions": [_session_json(s) for s in page],
            "next_offset": q.offset + q.limit if more else None,
        }
        return json.dumps(body, cls=DjangoJSONEncoder).encode()

    query = json.dumps(q.model_dump(mode="json"), sort_keys=True)
    return HttpResponse(cached_json(scope, f"v1|{query}", build), content_type="application/json")


@router.post("/auth/otp", response={200: OtpSentOut, **ERRORS}, summary="Send an OTP")
def send_otp(request: HttpRequest, body: OtpRequest) -> dict[str, Any]:
    """Text an OTP to the number. The answer is the same for every well-formed number."""
    check_otp_send(phone_digest(parse_phone(body.mobile).e164))
    sent = request_otp(body.mobile, actor=Anonymous(ip=client_ip(request)))
    return {"txn_id": sent.txn_id, "expires_in": sent.expires_in, "length": sent.length}


@router.post(
    "/auth/otp/confirm", response={200: SessionTokenOut, **ERRORS}, summary="Confirm an OTP"
)
def confirm(request: HttpRequest, body: OtpConfirm) -> dict[str, Any]:
    """Exchange the OTP (digits or SHA-256 hex) for a citizen session token."""
    ip = client_ip(request)
    check_otp_confirm(ip)
    digits = otp_digits(body.otp, current_profile().registration.otp.length)
    signed_in = confirm_otp(body.txn_id, digits, actor=Anonymous(ip=ip))
    return {"token": signed_in.token, "expires_at": signed_in.expires_at}


@router.post("/auth/staff", response={200: StaffTokenOut, **ERRORS}, summary="Staff token")
def staff_token(request: HttpRequest, body: StaffLogin) -> dict[str, Any]:
    """A token for a staff account, carrying its role and scopes (one hour)."""
    check_otp_confirm(client_ip(request))  # password guesses count like OTP guesses
    issued = issue_staff_token(body.username, body.password, ip=client_ip(request))
    return {
        "token": issued.token,
        "role": issued.role,
        "scopes": list(issued.scopes),
        "expires_in": issued.expires_in,
    }


@router.post("/auth/partner", response={200: PartnerTokenOut, **ERRORS}, summary="Partner token")
def partner_token(request: HttpRequest, body: ClientCredentials) -> dict[str, Any]:
    """Client-credentials exchange for a partner system's token (one hour)."""
    check_otp_confirm(client_ip(request))
    token, scopes = issue_partner_token(body.client_id, body.client_secret)
    return {
        "access_token": token,
        "token_type": "Bearer",
        "scopes": list(scopes),
        "expires_in": TOKEN_SECONDS,
    }


@router.post(
    "/certificates/verify", response={200: VerdictOut, **ERRORS}, summary="Verify a certificate"
)
def verify(request: HttpRequest, body: VerifyIn) -> dict[str, Any]:
    """Check a certificate's QR content against this jurisdiction's keys and revocations."""
    if not apps.is_installed(CERTIFICATES_APP):
        raise ServiceError("certificate.not_available", "Certificates are not part of this build.")
    verdict = importlib.import_module(f"{CERTIFICATES_APP}.verifying").verify_payload(body.payload)
    return {
        "valid": verdict.valid,
        "format": verdict.format,
        "reason": verdict.reason,
        "message": verdict.message,
        "content": json.loads(json.dumps(verdict.content, cls=DjangoJSONEncoder)),
    }
