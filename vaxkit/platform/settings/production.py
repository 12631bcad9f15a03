"""Settings for production: every secret comes from the environment, HTTPS is assumed."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from vaxkit.platform.settings.base import *  # noqa: F403
from vaxkit.platform.settings.environment import env_bool, env_key, env_str


def _required_key(name: str) -> bytes:
    key = env_key(name)
    if key is None:
        raise ImproperlyConfigured(
            f"{name} is not set: production needs a 32-byte key (64 hex digits); generate one "
            'with: python -c "import secrets; print(secrets.token_hex(32))"'
        )
    return key


SECRET_KEY = env_str("VAXKIT_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("VAXKIT_SECRET_KEY is not set (a long random string).")
VAXKIT_FIELD_KEY = _required_key("VAXKIT_FIELD_KEY")
VAXKIT_LOOKUP_KEY = _required_key("VAXKIT_LOOKUP_KEY")
if not env_str("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL is not set: production uses a managed PostgreSQL, not the embedded one."
    )

DEBUG = False
VAXKIT_SMS_BACKEND = env_str("VAXKIT_SMS_BACKEND", "http")
VAXKIT_SMS_INBOX_VISIBLE = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("VAXKIT_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
