"""Tokens of the own API for staff and partner systems, and partner client credentials.

Staff and partner tokens are signed (Django's signing with the secret key), short-lived, and
bound to the tenant's schema: the schema is both in the payload and in the salt, so a token of
one tenant does not verify on another. Each use re-checks that the staff account or partner
client is still active. Citizens use the OTP session tokens of the sign-in service.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import authenticate
from django.core import signing
from django.db import connection, transaction

from vaxkit.platform.api.models import PartnerClient
from vaxkit.platform.audit.records import audit
from vaxkit.platform.errors import Forbidden, ServiceError
from vaxkit.platform.sealing import secret_digest
from vaxkit.platform.tenants.current import current_tenant
from vaxkit.platform.vaccination.models import Role, StaffMember
from vaxkit.platform.vaccination.staff import staff_of

TOKEN_SECONDS = 3600
STAFF_PREFIX, PARTNER_PREFIX = "stf.", "ptn."

PARTNER_SCOPES = {
    "availability:read": "Read availability beyond the public per-address limit.",
    "reports:read": "Read aggregate reports (no personal data).",
    "certificates:verify": "Verify certificate payloads.",
}
"""Scopes a partner client may hold."""

ROLE_SCOPES: dict[str, tuple[str, ...]] = {
    Role.VACCINATOR: ("beneficiaries:verify", "doses:write", "aefi:write"),
    Role.FACILITY_ADMIN: ("beneficiaries:verify", "doses:write", "aefi:write", "reports:read"),
    Role.DISTRICT_ADMIN: ("aefi:write", "reports:read"),
    Role.NATIONAL_ADMIN: ("aefi:write", "reports:read"),
}
"""What a staff token may do, by role (the services check facility/area scope as well)."""


@dataclass(frozen=True)
class StaffToken:
    token: str
    role: str
    scopes: tuple[str, ...]
    expires_in: int


@dataclass(frozen=True)
class StaffCaller:
    """The staff user behind a token, with the token's scopes."""

    user: Any
    staff: StaffMember
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class PartnerCaller:
    client: PartnerClient
    scopes: tuple[str, ...]


def _salt(kind: str) -> str:
    return f"vaxkit.api.{kind}.{connection.schema_name}"


def issue_staff_token(username: str, password: str, *, ip: str | None = None) -> StaffToken:
    """A token for a staff member of this tenant (``auth.failed`` for any wrong detail)."""
    user = authenticate(username=username, password=password)
    try:
        staff = staff_of(user) if user is not None else None
    except Forbidden:
        staff = None
    if staff is None:
        raise Forbidden("auth.failed", "The username or password is not right.")
    scopes = ROLE_SCOPES.get(staff.role, ())
    payload = {"s": connection.schema_name, "u": user.pk, "r": staff.role, "sc": list(scopes)}
    token = STAFF_PREFIX + signing.dumps(payload, salt=_salt("staff"), compress=True)
    audit(user, "api.staff_token", purpose="authentication")
    return StaffToken(token, staff.role, scopes, TOKEN_SECONDS)


def staff_caller(token: str) -> StaffCaller | None:
    """The staff caller of a live token of this tenant, else None."""
    if not token.startswith(STAFF_PREFIX) or len(token) > 1000:
        return None
    try:
        payload = signing.loads(
            token[len(STAFF_PREFIX) :], salt=_salt("staff"), max_age=TOKEN_SECONDS
        )
    except signing.BadSignature:
        return None
    if payload.get("s") != connection.schema_name:
        return None
    staff = (
        StaffMember.objects.select_related("user", "facility", "area")
        .filter(user_id=payload.get("u"), active=True, user__is_active=True)
        .first()
    )
    if staff is None or staff.role != payload.get("r"):
        return None
    return StaffCaller(staff.user, staff, tuple(payload.get("sc") or ()))


def issue_partner_client(*, actor: Any, name: str, scopes: list[str]) -> tuple[PartnerClient, str]:
    """Register a partner system of the current tenant; returns the client and its secret
    (shown once, stored hashed). Errors: ``partner.scope``, ``partner.name``."""
    unknown = set(scopes) - set(PARTNER_SCOPES)
    if unknown:
        raise ServiceError("partner.scope", f"Unknown scopes: {', '.join(sorted(unknown))}.")
    if not name.strip() or len(name) > 200:
        raise ServiceError("partner.name", "Give the partner's name (up to 200 characters).")
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        client = PartnerClient.objects.create(
            tenant=current_tenant(),
            client_id=f"pc_{secrets.token_hex(12)}",
            secret_hash=secret_digest("partner", secret),
            name=name.strip(),
            scopes=sorted(set(scopes)),
        )
        audit(
            actor,
            "api.partner_issue",
            purpose="administration",
            details={"client": client.client_id},
        )
    return client, secret


def revoke_partner_client(client_id: str, *, actor: Any) -> None:
    """Stop a partner client (its live tokens stop working at once)."""
    with transaction.atomic():
        PartnerClient.objects.filter(client_id=client_id, tenant=current_tenant()).update(
            active=False
        )
        audit(actor, "api.partner_revoke", purpose="administration", details={"client": client_id})


def issue_partner_token(client_id: str, client_secret: str) -> tuple[str, tuple[str, ...]]:
    """Exchange client credentials for a token (``auth.failed`` for any wrong detail)."""
    client = PartnerClient.objects.filter(
        client_id=client_id[:40], tenant_id=current_tenant().pk, active=True
    ).first()
    expected = client.secret_hash if client else secret_digest("partner", secrets.token_hex(8))
    if not secrets.compare_digest(expected, secret_digest("partner", client_secret)) or not client:
        raise Forbidden("auth.failed", "The client id or secret is not right.")
    payload = {"s": connection.schema_name, "c": client.client_id}
    token = PARTNER_PREFIX + signing.dumps(payload, salt=_salt("partner"))
    return token, tuple(client.scopes)


def partner_caller(token: str) -> PartnerCaller | None:
    """The partner client of a live token of this tenant, else None."""
    if not token.startswith(PARTNER_PREFIX) or len(token) > 1000:
        return None
    try:
        payload = signing.loads(
            token[len(PARTNER_PREFIX) :], salt=_salt("partner"), max_age=TOKEN_SECONDS
        )
    except signing.BadSignature:
        return None
    client = PartnerClient.objects.filter(
        client_id=payload.get("c"), tenant__schema_name=connection.schema_name, active=True
    ).first()
    if client is None or payload.get("s") != connection.schema_name:
        return None
    return PartnerCaller(client, tuple(client.scopes))
