"""Settings shared by every environment, read from the environment (DESIGN.md house rule 5).

Environment variables:
``DATABASE_URL`` (else an embedded PostgreSQL in ``VAXKIT_DATA_DIR/pgdata``), ``REDIS_URL``
(cache and rate-limit counters), ``CELERY_BROKER_URL`` (else tasks run eagerly),
``VAXKIT_SECRET_KEY``, ``VAXKIT_FIELD_KEY`` (AES-256 key for encrypted fields),
``VAXKIT_LOOKUP_KEY`` (HMAC key for lookup hashes), ``VAXKIT_SMS_BACKEND``
(``console``/``file``/``http``/``memory`` or a dotted path), ``VAXKIT_SMS_OUTBOX``,
``VAXKIT_SMS_HTTP_URL``, ``VAXKIT_SMS_HTTP_TOKEN``, ``VAXKIT_DATA_DIR`` (default ``.vaxkit``),
``VAXKIT_ALLOWED_HOSTS``, ``VAXKIT_DEBUG``, ``VAXKIT_BROKER_PREFIX`` (keeps queues apart
on a shared Redis broker).

Layers set ``SECRET_KEY``, ``VAXKIT_FIELD_KEY`` and ``VAXKIT_LOOKUP_KEY`` (bytes).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from vaxkit.platform.database import data_dir_from_env, database_settings
from vaxkit.platform.settings.environment import env_bool, env_list, env_str

PLATFORM_DIR = Path(__file__).resolve().parent.parent
VAXKIT_DATA_DIR = data_dir_from_env()

DEBUG = env_bool("VAXKIT_DEBUG", False)
ALLOWED_HOSTS = env_list("VAXKIT_ALLOWED_HOSTS", ["localhost", ".localhost", "127.0.0.1"])


def _present(module: str) -> bool:
    """Whether an optional part of the platform is installed in this build."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


# --- the tenant boundary, declared in one place (DESIGN.md house rule 4) -------------------------
# Shared apps live in the `public` schema: tenants and their domains, and platform operators.
SHARED_APPS = [
    "django_tenants",
    "vaxkit.platform.tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
# Everything about people, places and doses lives in each tenant's own schema.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "vaxkit.platform.audit",
    "vaxkit.platform.reference",
    "vaxkit.platform.registration",
    "vaxkit.platform.scheduling",
    "vaxkit.platform.vaccination",
]
# Parts built on the core, added when present in this build.
for _app, _apps in (
    ("vaxkit.platform.certificates", TENANT_APPS),
    ("vaxkit.platform.web", SHARED_APPS),
    ("vaxkit.platform.api", SHARED_APPS),
):
    if _present(_app) and _present(f"{_app}.apps"):
        _apps.append(_app)

INSTALLED_APPS = list(dict.fromkeys([*SHARED_APPS, *TENANT_APPS]))

TENANT_MODEL = "tenants.Tenant"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# One `SET search_path` per request instead of one per cursor.
TENANT_LIMIT_SET_CALLS = True
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
ORIGINAL_BACKEND = "vaxkit.platform.pgbackend"

DATABASES = {"default": database_settings(env_str("DATABASE_URL") or None, VAXKIT_DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

ROOT_URLCONF = "vaxkit.platform.urls"
PUBLIC_SCHEMA_URLCONF = "vaxkit.platform.urls_public"
# Unknown hosts get the public landing page rather than a bare 404.
SHOW_PUBLIC_IF_NO_TENANT_FOUND = True

MIDDLEWARE = [
    "vaxkit.platform.tenants.middleware.TenantMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

WSGI_APPLICATION = "vaxkit.platform.wsgi.application"

LANGUAGE_CODE = "en"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LOCALE_PATHS = [PLATFORM_DIR.parent.parent / "locales"]

STATIC_URL = "/static/"
STATIC_ROOT = VAXKIT_DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAXKIT_DATA_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- cache and rate-limit counters ---------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "vaxkit",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- background jobs -----------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
# Several deployments (or test runs) may share one Redis broker: a key prefix keeps their
# queues apart (VAXKIT_BROKER_PREFIX, e.g. the deployment's name).
if env_str("VAXKIT_BROKER_PREFIX"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": env_str("VAXKIT_BROKER_PREFIX")}

# --- SMS -----------------------------------------------------------------------------------------
VAXKIT_SMS_BACKEND = env_str("VAXKIT_SMS_BACKEND", "console")
VAXKIT_SMS_OUTBOX = Path(env_str("VAXKIT_SMS_OUTBOX") or VAXKIT_DATA_DIR / "sms-outbox.jsonl")
VAXKIT_SMS_HTTP_URL = env_str("VAXKIT_SMS_HTTP_URL")
VAXKIT_SMS_HTTP_TOKEN = env_str("VAXKIT_SMS_HTTP_TOKEN")
VAXKIT_SMS_HTTP_TIMEOUT = 10
# Whether the development SMS inbox page may show messages (never in production).
VAXKIT_SMS_INBOX_VISIBLE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"vaxkit": {"level": env_str("VAXKIT_LOG_LEVEL", "INFO"), "propagate": True}},
}
