"""Settings for the test suite (pytest sets ``DJANGO_SETTINGS_MODULE`` to this module).

Real PostgreSQL (``DATABASE_URL`` when set, else the embedded server), real Redis at
``127.0.0.1:6379`` when it answers (else the local-memory cache), fixed keys, fast hashing.
"""

from __future__ import annotations

import os
import socket

from vaxkit.platform.settings.base import *  # noqa: F403
from vaxkit.platform.settings.base import DATABASES, REDIS_URL


def _redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
VAXKIT_FIELD_KEY = bytes.fromhex("11" * 32)
VAXKIT_LOOKUP_KEY = bytes.fromhex("22" * 32)
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Several test runs may share one server: each run gets its own database (stale ones from dead
# runs are dropped by vaxkit.testing) unless VAXKIT_TEST_DB_NAME pins one (e.g. for --reuse-db).
DATABASES["default"]["TEST"] = {
    "NAME": os.environ.get("VAXKIT_TEST_DB_NAME") or f"test_vaxkit_{os.getpid()}"
}

_redis = REDIS_URL or ("redis://127.0.0.1:6379/15" if _redis_answers() else "")
VAXKIT_TEST_REDIS_URL = REDIS_URL = _redis
if _redis:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis,
            # runs sharing a Redis never see each other's counters
            "KEY_PREFIX": f"vaxkit-test-{os.getpid()}",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = ""
CELERY_TASK_ALWAYS_EAGER = True
VAXKIT_SMS_BACKEND = "memory"
VAXKIT_SMS_INBOX_VISIBLE = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}
# Static files are served by Django's test client directly; no collected STATIC_ROOT needed.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
