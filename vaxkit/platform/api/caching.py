"""Cached public availability: whole JSON answers kept per query for the profile's
``api_limits.cache_seconds``, in the Django cache (Redis when configured, process memory
otherwise).

Invalidation uses versions per tenant and scope (``area:<code>``, ``areaid:<id>``,
``pin:<code>``, ``centre:<id>``): a cached entry records the version of its scope, and every
committed booking, cancellation or reschedule (web pages, APIs, staff) gives the scopes of the
facilities concerned a new version (``vaxkit.platform.signals.seats_changed``), so the next
search misses the cache.
Booking itself never reads this cache: it takes its seat with one conditional UPDATE on live
capacity.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection

from vaxkit.platform.reference.models import AdminArea
from vaxkit.platform.scheduling.models import Facility
from vaxkit.platform.tenants.current import current_profile

VERSION_TTL = 7 * 24 * 3600
KEY_SPACE = "avail"
"""Prefix of every key here (tests give each test its own, as their rows roll back)."""


_clients: dict[int, Any] = {}
_PLAIN = re.compile(r"[A-Za-z0-9:_.-]+")


def redis_backend() -> tuple[RedisCache, Any] | None:
    """The default cache and a reusable Redis client for it, when it is Redis.

    Django's Redis cache builds a new client object on every call (about 0.15 ms of Python,
    most of a cached answer's cost); the hot paths here reuse one per connection pool.
    """
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    pool = backend._cache._get_connection_pool(write=True)
    client = _clients.get(id(pool))
    if client is None:
        import redis

        client = _clients[id(pool)] = redis.Redis(connection_pool=pool)
    return backend, client


def _get_two(first: str, second: str) -> tuple[Any, Any]:
    """Two cache values in one round trip."""
    fast = redis_backend()
    if fast is None:
        found = cache.get_many([first, second])
        return found.get(first), found.get(second)
    backend, client = fast
    raw = client.mget([backend.make_key(first), backend.make_key(second)])
    loads = backend._cache._serializer.loads
    return tuple(None if value is None else loads(value) for value in raw)


def _counted_get_two(fast: tuple[RedisCache, Any], count: Any, first: str, second: str) -> tuple:
    """Count ``count`` and read two values in one pipelined round trip."""
    backend, client = fast
    now = time.time()
    rate_key, index = count.key(backend, now)
    pipe = client.pipeline(transaction=False)
    pipe.incr(rate_key)
    pipe.expire(rate_key, count.window + 1)
    pipe.mget([backend.make_key(first), backend.make_key(second)])
    used, _, raw = pipe.execute()
    count.settle(int(used), index, now)
    loads = backend._cache._serializer.loads
    return tuple(None if value is None else loads(value) for value in raw)


def _scope_key(scope: str) -> str:
    """``scope`` as a key part: as is when it is plain, else hashed (scopes carry user input)."""
    if len(scope) <= 80 and _PLAIN.fullmatch(scope):
        return scope
    return "h:" + hashlib.sha256(scope.encode()).hexdigest()[:32]


def _version_key(scope: str) -> str:
    return f"{KEY_SPACE}-v:{connection.schema_name}:{_scope_key(scope)}"


_AREA_IDS: dict[str, dict[str, int]] = {}


def _area_ids(codes: list[str]) -> list[int]:
    """Primary keys of the areas ``codes``, from a per-tenant memo (areas are seeded from the
    profile and keep their rows; an unknown code reloads the memo)."""
    known = _AREA_IDS.get(connection.schema_name)
    if known is None or any(code not in known for code in codes):
        known = _AREA_IDS[connection.schema_name] = dict(
            AdminArea.objects.values_list("code", "pk")
        )
    return [known[code] for code in codes if code in known]


def facility_scopes(facility: Facility) -> list[str]:
    """The cache scopes a facility's sessions appear under: its areas (by code and by id),
    its postal code and itself."""
    codes = [code for code in facility.area_path.split("/") if code]
    return [
        *(f"area:{code}" for code in codes),
        *(f"areaid:{pk}" for pk in _area_ids(codes)),
        f"pin:{facility.postal_code}",
        f"centre:{facility.pk}",
    ]


def forget_facilities(*, facilities: Iterable[Facility], **_: object) -> None:
    """Receiver of ``vaxkit.platform.signals.seats_changed``: stale the facilities' scopes."""
    invalidate(scope for facility in facilities for scope in facility_scopes(facility))


def invalidate(scopes: Iterable[str]) -> None:
    """Make cached answers of ``scopes`` stale (after a booking, cancellation, reschedule).

    Each scope gets a fresh random version, all in one ``set_many`` (one pipelined round trip
    on Redis): a booking pays for one cache call, whatever the number of scopes.
    """
    token = secrets.token_hex(8)
    cache.set_many({_version_key(scope): token for scope in scopes}, timeout=VERSION_TTL)


def cached_json(scope: str, query: str, build: Callable[[], bytes], *, count: Any = None) -> bytes:
    """The JSON answer to ``query`` within ``scope``, built by ``build`` on a miss.

    One cache round trip on a hit: the scope's version and the entry are read together (an
    entry stored under an older version counts as a miss), and on Redis the caller's pending
    rate-limit ``count`` (:class:`~vaxkit.platform.api.ratelimits.PendingCount`) is counted in
    the same pipeline, before anything is built.
    """
    seconds = current_profile().api_limits.cache_seconds
    if seconds <= 0:
        if count is not None:
            count.check()
        return build()
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    version_key = _version_key(scope)
    entry_key = f"{KEY_SPACE}:{connection.schema_name}:{_scope_key(scope)}:{digest}"
    fast = redis_backend()
    if count is not None and fast is not None and not count.done:
        version, entry = _counted_get_two(fast, count, version_key, entry_key)
    else:
        if count is not None:
            count.check()
        version, entry = _get_two(version_key, entry_key)
    version = version or 0
    if entry is not None and entry[0] == version:
        return entry[1]
    body = build()
    cache.set(entry_key, (version, body), timeout=seconds)
    return body
