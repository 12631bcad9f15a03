"""Sign-in with a mobile number and a one-time password (OTP), and citizen sessions.

Privacy rules (DESIGN.md section 5): the answer to an OTP request is the same whether or not
the number has an account (no lookup happens before the OTP is confirmed); OTPs are stored
hashed, bound to their transaction id, single use, short-lived and limited in tries; sends are
limited per number and per IP. Session tokens are stored hashed too.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext, override

from vaxkit.identity.errors import PhoneNumberError
from vaxkit.identity.phones import mask_phone, parse_mobile
from vaxkit.platform.actors import describe
from vaxkit.platform.audit.records import audit
from vaxkit.platform.errors import RateLimited, ServiceError
from vaxkit.platform.ratelimit import consume, cooldown
from vaxkit.platform.registration.models import Account, CitizenSession, OtpChallenge
from vaxkit.platform.sealing import phone_digest, secret_digest
from vaxkit.platform.sms.dispatch import send_sms
from vaxkit.platform.tenants.current import current_tenant

SESSION_SECONDS = 30 * 60
DAY = 24 * 3600
HOUR = 3600


@dataclass(frozen=True)
class OtpSent:
    """What the citizen's client gets back: the same shape for every valid number."""

    txn_id: str
    expires_in: int
    length: int


@dataclass(frozen=True)
class SignedIn:
    token: str
    """Bearer token for the session (shown once, stored hashed)."""
    account: Account
    expires_at: dt.datetime


def parse_phone(text: str) -> Any:
    """The number typed, parsed with the tenant's phone rules (``phone.*`` errors)."""
    profile = current_tenant().profile
    try:
        return parse_mobile(text, profile.country.phone, profile.country.code)
    except PhoneNumberError as exc:
        raise ServiceError(exc.code, exc.message) from None


def _otp_digest(txn_id: uuid.UUID | str, code: str) -> str:
    return secret_digest(f"otp:{txn_id}", code)


def request_otp(mobile: str, *, actor: Any) -> OtpSent:
    """Send an OTP to ``mobile``. Raises ``phone.*`` for a malformed number and
    ``otp.rate_limited`` (with ``retry_after``) when a limit is reached."""
    tenant = current_tenant()
    rules = tenant.profile.registration.otp
    phone = parse_phone(mobile)
    number_key = phone_digest(phone.e164)
    schema = tenant.schema_name
    ip = describe(actor).ip or "unknown"
    for bucket, limit, window in (
        (f"otp-ip:{schema}:{ip}", rules.max_per_ip_per_hour, HOUR),
        (f"otp-number:{schema}:{number_key}", rules.max_per_number_per_day, DAY),
    ):
        count = consume(bucket, limit, window)
        if not count.allowed:
            raise RateLimited(
                "otp.rate_limited",
                "Too many OTP requests; try again later.",
                retry_after=count.retry_after,
            )
    wait = cooldown(f"otp-resend:{schema}:{number_key}", rules.resend_after_seconds)
    if wait:
        raise RateLimited("otp.rate_limited", "Wait before asking for a new OTP.", retry_after=wait)
    code = "".join(secrets.choice("0123456789") for _ in range(rules.length))
    now = timezone.now()
    with transaction.atomic():
        # a new OTP replaces any earlier one still open for the number
        OtpChallenge.objects.filter(phone_hash=number_key, used_at__isnull=True, void=False).update(
            void=True
        )
        challenge = OtpChallenge(
            phone=phone.e164,
            phone_hash=number_key,
            expires_at=now + dt.timedelta(seconds=rules.expiry_seconds),
        )
        challenge.code_hash = _otp_digest(challenge.txn_id, code)
        challenge.save()
        audit(actor, "otp.request", challenge, purpose="sign_in")
        send_sms(phone.e164, _otp_text(tenant, code, rules.expiry_seconds), tenant_code=tenant.code)
    return OtpSent(str(challenge.txn_id), rules.expiry_seconds, rules.length)


def _otp_text(tenant: Any, code: str, expiry_seconds: int) -> str:
    profile = tenant.profile
    language = profile.languages.default
    with override(language):
        return gettext(
            "%(code)s is your OTP for %(platform)s. It expires in %(minutes)s minutes."
        ) % {
            "code": code,
            "platform": profile.text(profile.branding.platform_name, language),
            "minutes": max(1, expiry_seconds // 60),
        }


def confirm_otp(txn_id: str, otp: str, *, actor: Any) -> SignedIn:
    """Check the OTP of transaction ``txn_id``; on success open (or create) the number's account
    and start a session. Errors: ``otp.invalid`` (wrong code or unknown transaction),
    ``otp.expired``, ``otp.used``, ``otp.tries_exceeded``."""
    tenant = current_tenant()
    rules = tenant.profile.registration.otp
    try:
        txn = uuid.UUID(str(txn_id))
    except ValueError:
        raise ServiceError("otp.invalid", "The OTP is not correct.") from None
    failure: ServiceError | None = None
    with transaction.atomic():
        challenge = OtpChallenge.objects.select_for_update().filter(txn_id=txn).first()
        now = timezone.now()
        if challenge is None:
            failure = ServiceError("otp.invalid", "The OTP is not correct.")
        elif challenge.used_at is not None:
            failure = ServiceError("otp.used", "This OTP was used already; ask for a new one.")
        elif challenge.void or challenge.tries >= rules.max_tries:
            failure = ServiceError(
                "otp.tries_exceeded", "This OTP can no longer be used; ask for a new one."
            )
        elif challenge.expires_at <= now:
            failure = ServiceError("otp.expired", "This OTP has expired; ask for a new one.")
        else:
            challenge.tries += 1
            if not secrets.compare_digest(challenge.code_hash, _otp_digest(txn, otp.strip())):
                # the failed try is committed: the error is raised after the block
                challenge.save(update_fields=["tries"])
                audit(actor, "otp.confirm_failed", challenge, purpose="sign_in")
                left = rules.max_tries - challenge.tries
                failure = (
                    ServiceError("otp.invalid", "The OTP is not correct.", tries_left=left)
                    if left > 0
                    else ServiceError(
                        "otp.tries_exceeded", "Too many wrong OTPs; ask for a new one."
                    )
                )
            else:
                challenge.used_at = now
                challenge.save(update_fields=["tries", "used_at"])
                account = _account_for(challenge, now)
                signed_in = start_session(account, now=now)
                audit(account, "account.sign_in", account, purpose="sign_in")
    if failure is not None:
        raise failure
    return signed_in


def account_for_phone(mobile: str, *, actor: Any) -> Account:
    """The account of ``mobile``, opened if new (walk-in registration by staff)."""
    phone = parse_phone(mobile)
    digest = phone_digest(phone.e164)
    with transaction.atomic():
        account, created = Account.objects.get_or_create(
            phone_hash=digest, defaults={"phone": phone.e164, "phone_masked": phone.masked}
        )
        if created:
            audit(actor, "account.open", account, purpose="registration")
    return account


def _account_for(challenge: OtpChallenge, now: dt.datetime) -> Account:
    account = Account.objects.filter(phone_hash=challenge.phone_hash).first()
    if account is None:
        e164 = challenge.phone.reveal()
        account = Account.objects.create(
            phone=e164, phone_hash=challenge.phone_hash, phone_masked=mask_phone(e164)
        )
    account.last_sign_in_at = now
    account.save(update_fields=["last_sign_in_at"])
    return account


def start_session(account: Account, *, now: dt.datetime | None = None) -> SignedIn:
    """A new bearer token for ``account`` (after an OTP, or a staff-assisted sign-in)."""
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    expires = now + dt.timedelta(seconds=SESSION_SECONDS)
    CitizenSession.objects.create(
        token_hash=secret_digest("session", token), account=account, expires_at=expires
    )
    return SignedIn(token, account, expires)


def authenticate_token(token: str) -> Account | None:
    """The account of a live session token, or None (one query, on every API call)."""
    if not token or len(token) > 200:
        return None
    with connection.prepared_cursor() as cursor:
        cursor.execute(_SESSION_ACCOUNT, [secret_digest("session", token), timezone.now()])
        row = cursor.fetchone()
    # columns in the model's field order, as from_db() expects (the sealed phone stays unloaded)
    return Account.from_db(connection.alias, _ACCOUNT_FIELDS, row) if row else None


_ACCOUNT_FIELDS = ["id", "phone_hash", "phone_masked", "created_at", "last_sign_in_at"]
_SESSION_ACCOUNT = """
SELECT a.id, a.phone_hash, a.phone_masked, a.created_at, a.last_sign_in_at
  FROM registration_citizensession s JOIN registration_account a ON a.id = s.account_id
 WHERE s.token_hash = %s AND s.revoked_at IS NULL AND s.expires_at > %s
"""


def end_session(token: str, *, actor: Any) -> None:
    """Sign out: the token stops working."""
    with transaction.atomic():
        updated = CitizenSession.objects.filter(
            token_hash=secret_digest("session", token), revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        if updated:
            audit(actor, "account.sign_out", purpose="sign_in")
