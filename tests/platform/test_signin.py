"""Mobile sign-in with OTP: delivery, hashing, single use, expiry, tries, abuse limits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from vaxkit.platform.actors import Anonymous
from vaxkit.platform.errors import RateLimited, ServiceError
from vaxkit.platform.registration.models import Account, CitizenSession, OtpChallenge
from vaxkit.platform.registration.signin import (
    authenticate_token,
    confirm_otp,
    end_session,
    request_otp,
)
from vaxkit.platform.sms import backends
from vaxkit.testing.factories import make_citizen, phone_number


@pytest.fixture(autouse=True)
def _empty_outbox():
    backends.outbox.clear()
    yield
    backends.outbox.clear()


def _ip(n: int = 1) -> Anonymous:
    # each test uses its own addresses: counters live in Redis, outside the rolled-back transaction
    return Anonymous(ip=f"198.51.{n}.{timezone.now().microsecond % 250 + 1}")


def _sent_code(e164: str) -> str:
    (message,) = [m for m in backends.outbox if m.to == e164]
    return message.body.split()[0]


def test_otp_is_sent_after_commit_and_signs_in(tenant, django_capture_on_commit_callbacks):
    mobile = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        sent = request_otp(mobile, actor=_ip())
    assert sent.length == 6
    message = backends.outbox[-1]
    assert message.to == mobile and message.tenant == "xa"
    code = _sent_code(mobile)
    assert len(code) == 6 and code.isdigit()
    assert "TestVax" in message.body

    signed_in = confirm_otp(sent.txn_id, code, actor=_ip())
    assert authenticate_token(signed_in.token) == signed_in.account
    assert signed_in.account.phone.reveal() == mobile
    assert str(signed_in.account) == f"+91 XXXXXX{mobile[-4:]}"


def test_nothing_is_sent_when_the_transaction_rolls_back(tenant):
    # without running on_commit callbacks (the test's transaction never commits) nothing leaves
    request_otp(phone_number(), actor=_ip())
    assert backends.outbox == []


def test_otp_is_stored_hashed_and_bound_to_its_transaction(
    tenant, django_capture_on_commit_callbacks
):
    first, second = phone_number(), phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        a = request_otp(first, actor=_ip(2))
        b = request_otp(second, actor=_ip(2))
    code_a = _sent_code(first)
    row = OtpChallenge.objects.get(txn_id=a.txn_id)
    assert code_a not in row.code_hash and len(row.code_hash) == 64
    assert first not in str(row.phone) and first[-10:] not in row.phone.token
    with pytest.raises(ServiceError) as wrong_txn:
        confirm_otp(b.txn_id, code_a, actor=_ip(2))
    assert wrong_txn.value.code == "otp.invalid"


def test_otp_is_single_use(tenant, django_capture_on_commit_callbacks):
    mobile = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        sent = request_otp(mobile, actor=_ip(3))
    confirm_otp(sent.txn_id, _sent_code(mobile), actor=_ip(3))
    with pytest.raises(ServiceError) as again:
        confirm_otp(sent.txn_id, _sent_code(mobile), actor=_ip(3))
    assert again.value.code == "otp.used"


def test_otp_expires(tenant, django_capture_on_commit_callbacks):
    mobile = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        sent = request_otp(mobile, actor=_ip(4))
    OtpChallenge.objects.filter(txn_id=sent.txn_id).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ServiceError) as expired:
        confirm_otp(sent.txn_id, _sent_code(mobile), actor=_ip(4))
    assert expired.value.code == "otp.expired"


def test_wrong_tries_are_counted_and_void_the_otp(tenant, django_capture_on_commit_callbacks):
    mobile = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        sent = request_otp(mobile, actor=_ip(5))
    code = _sent_code(mobile)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    codes = []
    for _ in range(3):
        with pytest.raises(ServiceError) as failed:
            confirm_otp(sent.txn_id, wrong, actor=_ip(5))
        codes.append(failed.value.code)
    assert codes == ["otp.invalid", "otp.invalid", "otp.tries_exceeded"]
    assert OtpChallenge.objects.get(txn_id=sent.txn_id).tries == 3
    with pytest.raises(ServiceError) as right_too_late:
        confirm_otp(sent.txn_id, code, actor=_ip(5))
    assert right_too_late.value.code == "otp.tries_exceeded"


def test_a_new_otp_voids_the_previous_one(tenant, django_capture_on_commit_callbacks):
    mobile = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        first = request_otp(mobile, actor=_ip(6))
    first_code = _sent_code(mobile)
    backends.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_otp(mobile, actor=_ip(6))
    with pytest.raises(ServiceError):
        confirm_otp(first.txn_id, first_code, actor=_ip(6))


def test_answers_do_not_reveal_whether_a_number_is_registered(
    tenant, django_capture_on_commit_callbacks
):
    known = make_citizen().account.phone.reveal()
    unknown = phone_number()
    accounts_before = Account.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        a = request_otp(known, actor=_ip(7))
        b = request_otp(unknown, actor=_ip(7))
    assert type(a) is type(b)
    assert (a.expires_in, a.length) == (b.expires_in, b.length)
    assert len(a.txn_id) == len(b.txn_id)
    assert [m.body.split(" ", 1)[1] for m in backends.outbox] == [
        backends.outbox[0].body.split(" ", 1)[1]
    ] * 2
    # no account is opened (or looked up) before the OTP is confirmed
    assert Account.objects.count() == accounts_before


def test_per_number_daily_limit(tenant):
    mobile = phone_number()
    limit = tenant.profile.registration.otp.max_per_number_per_day
    for i in range(limit):
        request_otp(mobile, actor=Anonymous(ip=f"192.0.2.{i + 1}"))
    with pytest.raises(RateLimited) as limited:
        request_otp(mobile, actor=Anonymous(ip="192.0.2.200"))
    assert limited.value.code == "otp.rate_limited"
    assert limited.value.params["retry_after"] > 0


def test_per_ip_hourly_limit(tenant):
    limit = tenant.profile.registration.otp.max_per_ip_per_hour
    actor = Anonymous(ip="203.0.113.250")
    for _ in range(limit):
        request_otp(phone_number(), actor=actor)
    with pytest.raises(RateLimited):
        request_otp(phone_number(), actor=actor)
    # another address is not affected
    request_otp(phone_number(), actor=Anonymous(ip="203.0.113.251"))


@pytest.mark.redis
def test_limit_counters_are_kept_in_redis(tenant):
    if not settings.VAXKIT_TEST_REDIS_URL:
        pytest.skip("no Redis server at 127.0.0.1:6379 and REDIS_URL unset")
    import redis

    client = redis.Redis.from_url(settings.VAXKIT_TEST_REDIS_URL)
    request_otp(phone_number(), actor=Anonymous(ip="203.0.113.99"))
    keys = client.keys(f"{settings.CACHES['default']['KEY_PREFIX']}:*otp-ip:*203.0.113.99*")
    assert keys, "the per-IP counter is not in Redis"


def test_malformed_numbers_get_specific_codes(tenant):
    with pytest.raises(ServiceError) as invalid:
        request_otp("12", actor=_ip(8))
    assert invalid.value.code == "phone.invalid"
    with pytest.raises(ServiceError) as foreign:
        request_otp("+44 7400 123456", actor=_ip(8))
    assert foreign.value.code == "phone.wrong_country"


def test_sign_out_and_expired_sessions(tenant):
    from vaxkit.platform.registration.signin import start_session

    citizen = make_citizen()
    session = start_session(citizen.account)
    assert authenticate_token(session.token) == citizen.account
    end_session(session.token, actor=citizen)
    assert authenticate_token(session.token) is None
    other = start_session(citizen.account)
    CitizenSession.objects.filter(account=citizen.account).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert authenticate_token(other.token) is None
    assert authenticate_token("") is None
