"""API abuse limits from the profile's ``api_limits`` (CoWIN: 100 calls per 5 minutes per IP
on the public APIs, 1,000 searches a day per signed-in user), and OTP confirmation tries per IP.

OTP sends per number and per IP are limited by the sign-in service itself; these limits sit in
front of it. Counters are the core's fixed windows (Redis when configured), keyed by schema.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.db import connection

from vaxkit.platform.api.caching import redis_backend
from vaxkit.platform.errors import RateLimited
from vaxkit.platform.ratelimit import consume
from vaxkit.platform.registration.models import Account
from vaxkit.platform.tenants.current import current_profile

DAY = 24 * 3600
HOUR = 3600
OTP_CONFIRMS_PER_IP_PER_HOUR = 60
"""Wrong or right OTP confirmations one address may attempt an hour (each OTP also allows only
``otp.max_tries``); stops guessing spread over many transactions."""
OTP_SENDS_PER_ACCOUNT_PER_DAY = 50
"""CoWIN's cap of 50 OTPs a day per user, on top of the profile's per-number limit."""


@dataclass
class PendingCount:
    """One event to count in a fixed window, which a cached read may count in its own Redis
    round trip (see :func:`vaxkit.platform.api.caching.cached_json`)."""

    bucket: str
    limit: int
    window: int
    message: str
    done: bool = False

    def key(self, backend: Any, now: float) -> tuple[str, int]:
        index = int(now // self.window)
        return backend.make_key(f"rl:{self.bucket}:{self.window}:{index}"), index

    def settle(self, used: int, index: int, now: float) -> None:
        """Record the count's result; ``api.rate_limited`` over the limit."""
        self.done = True
        if used > self.limit:
            reset = int((index + 1) * self.window - now) + 1
            raise RateLimited("api.rate_limited", self.message, retry_after=reset)

    def check(self) -> None:
        """Count now (one pipelined round trip on Redis, the core's counter otherwise)."""
        if self.done:
            return
        fast = redis_backend()
        if fast is None:
            self.done = True
            count = consume(self.bucket, self.limit, self.window)
            if not count.allowed:
                raise RateLimited("api.rate_limited", self.message, retry_after=count.retry_after)
            return
        backend, client = fast
        now = time.time()
        key, index = self.key(backend, now)
        pipe = client.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, self.window + 1)
        self.settle(int(pipe.execute()[0]), index, now)


def _check(bucket: str, limit: int, window: int, message: str) -> None:
    PendingCount(f"api:{connection.schema_name}:{bucket}", limit, window, message).check()


def public_call(ip: str) -> PendingCount:
    """The count of one public call from ``ip``, not yet made."""
    limits = current_profile().api_limits
    return PendingCount(
        f"api:{connection.schema_name}:ip:{ip}",
        limits.public_requests,
        limits.public_window_seconds,
        "Too many requests from this address; try again later.",
    )


def check_public_call(ip: str) -> None:
    """One call of a public endpoint from ``ip`` (``api.rate_limited`` over the limit)."""
    public_call(ip).check()


def check_search(account: Account) -> None:
    """One availability search by a signed-in user."""
    limits = current_profile().api_limits
    _check(
        f"search:{account.pk}",
        limits.searches_per_user_per_day,
        DAY,
        "Too many searches today; try again tomorrow.",
    )


def check_otp_confirm(ip: str) -> None:
    """One OTP confirmation attempt from ``ip``."""
    _check(
        f"otp-confirm:{ip}",
        OTP_CONFIRMS_PER_IP_PER_HOUR,
        HOUR,
        "Too many OTP attempts from this address; try again later.",
    )


def check_otp_send(number_digest: str) -> None:
    """One OTP send to the account of a number (keyed by its lookup hash, never the number)."""
    _check(
        f"otp-send:{number_digest}",
        OTP_SENDS_PER_ACCOUNT_PER_DAY,
        DAY,
        "Too many OTP requests today; try again tomorrow.",
    )
