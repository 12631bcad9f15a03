"""Abuse limits on real Redis: public calls per IP, searches per user, OTP sends and tries,
body size; 429 answers carry Retry-After and the JSON error shape."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.platform.api.conftest import ApiClient, next_ip
from vaxkit.platform.api.ratelimits import OTP_CONFIRMS_PER_IP_PER_HOUR, check_search
from vaxkit.platform.registration.signin import start_session
from vaxkit.platform.tenants.current import current_profile
from vaxkit.testing.factories import make_citizen, phone_number

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(
        not getattr(settings, "VAXKIT_TEST_REDIS_URL", ""),
        reason="needs Redis at 127.0.0.1:6379 (or REDIS_URL): limits must be shared by processes",
    ),
]
V2 = "/api/v2"


def _assert_429(response):
    assert response.status_code == 429, response.content
    assert int(response["Retry-After"]) >= 1
    body = response.json()
    assert set(body) == {"errorCode", "error"}
    return body


def test_redis_is_the_cache():
    assert "redis" in settings.CACHES["default"]["BACKEND"].lower()


def test_public_calls_per_ip(api, tenant):
    limit = tenant.profile.api_limits.public_requests
    for _ in range(limit):
        assert api.get(f"{V2}/admin/location/states").status_code == 200
    body = _assert_429(api.get(f"{V2}/admin/location/states"))
    assert body["errorCode"] == "api.rate_limited"
    # another address is not affected
    fresh = ApiClient(tenant.get_primary_domain().domain, next_ip())
    assert fresh.get(f"{V2}/admin/location/states").status_code == 200


def test_limits_are_per_tenant(api, other_api, tenant):
    for _ in range(tenant.profile.api_limits.public_requests + 1):
        api.get(f"{V2}/admin/location/states")
    other_api.defaults["REMOTE_ADDR"] = api.defaults["REMOTE_ADDR"]
    assert other_api.get(f"{V2}/admin/location/states").status_code == 200


def test_searches_per_user_per_day(api, tenant):
    citizen = make_citizen()
    api.token = start_session(citizen.account).token
    for _ in range(tenant.profile.api_limits.searches_per_user_per_day):
        check_search(citizen.account)
    response = api.get_json(
        f"{V2}/appointment/sessions/findByPin", {"pincode": "560001", "date": "01-01-2030"}
    )
    _assert_429(response)


def test_otp_sends_per_number(tenant):
    rules = tenant.profile.registration.otp
    number = phone_number()
    host = tenant.get_primary_domain().domain
    for _ in range(rules.max_per_number_per_day):
        sent = ApiClient(host, next_ip()).post_json(
            f"{V2}/auth/public/generateOTP", {"mobile": number}
        )
        assert sent.status_code == 200
    body = _assert_429(
        ApiClient(host, next_ip()).post_json(f"{V2}/auth/public/generateOTP", {"mobile": number})
    )
    assert body["errorCode"] == "otp.rate_limited"


def test_otp_sends_per_ip(api, tenant):
    for _ in range(tenant.profile.registration.otp.max_per_ip_per_hour):
        assert (
            api.post_json(f"{V2}/auth/public/generateOTP", {"mobile": phone_number()}).status_code
            == 200
        )
    _assert_429(api.post_json(f"{V2}/auth/public/generateOTP", {"mobile": phone_number()}))


def test_otp_tries_per_ip(api, tenant):
    body = {"otp": "0" * 64, "txnId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}
    for _ in range(OTP_CONFIRMS_PER_IP_PER_HOUR):
        assert api.post_json(f"{V2}/auth/public/confirmOTP", body).status_code == 400
    _assert_429(api.post_json(f"{V2}/auth/public/confirmOTP", body))


def test_large_bodies_are_refused(api, tenant):
    response = api.post(
        f"{V2}/auth/public/generateOTP",
        data='{"mobile": "' + "9" * 20_000 + '"}',
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["errorCode"] == "request.too_large"


def test_own_api_limits_anonymous_and_made_up_tokens_per_ip(api, tenant):
    limit = tenant.profile.api_limits.public_requests
    for n in range(limit):
        headers = {"HTTP_AUTHORIZATION": "Bearer made-up"} if n % 2 else {}
        assert api.get("/api/v1/reference", **headers).status_code == 200
    limited = api.get("/api/v1/reference", HTTP_AUTHORIZATION="Bearer made-up")
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "api.rate_limited"
    assert int(limited["Retry-After"]) >= 1
    # a signed-in citizen on the same address is limited by their own searches instead
    citizen = make_citizen()
    token = start_session(citizen.account).token
    answer = api.get("/api/v1/reference", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200


def test_cached_searches_and_bad_requests_count_too(api, world):
    path = "/api/v2/appointment/sessions/public/findByPin"
    day = world["today"].strftime("%d-%m-%Y")
    budget = current_profile().api_limits.public_requests
    for n in range(budget):
        params = {"pincode": "560001", "date": day} if n % 3 else {"pincode": "560001"}
        assert api.get_json(path, params).status_code in (200, 400)
    _assert_429(api.get_json(path, {"pincode": "560001", "date": day}))
    _assert_429(api.get_json(path, {"pincode": "560001"}))
