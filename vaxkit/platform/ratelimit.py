"""Fixed-window counters for abuse limits (OTP sends, verification attempts).

Counters live in the Django cache, which is Redis when ``REDIS_URL`` is set (shared by every
web process) and process memory otherwise (development). Keys include the tenant's schema.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Count:
    allowed: bool
    used: int
    limit: int
    retry_after: int
    """Seconds until the window resets (0 when allowed)."""


def consume(bucket: str, limit: int, window_seconds: int) -> Count:
    """Count one event in ``bucket``; ``allowed`` is false once ``limit`` is exceeded."""
    now = time.time()
    window = int(now // window_seconds)
    key = f"rl:{bucket}:{window_seconds}:{window}"
    cache.add(key, 0, timeout=window_seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds + 1)
        used = 1
    reset = int((window + 1) * window_seconds - now) + 1
    return Count(used <= limit, used, limit, 0 if used <= limit else reset)


def cooldown(bucket: str, seconds: int) -> int:
    """Start a quiet period in ``bucket``; return 0 if none was running, else seconds left."""
    if seconds <= 0:
        return 0
    key = f"cd:{bucket}"
    if cache.add(key, time.time() + seconds, timeout=seconds):
        return 0
    until = cache.get(key)
    return max(1, int((until or time.time()) - time.time()))
