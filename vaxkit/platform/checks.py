"""System checks for the platform's configuration (``manage.py check``), with stable ids.

Misconfiguration is reported here, before the first request, rather than as a traceback later.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Warning, register

from vaxkit.platform.signals import CERTIFICATE_APP, CERTIFICATE_HOOK, certificate_hook
from vaxkit.platform.sms.backends import BACKENDS


@register()
def platform_settings(app_configs: Any = None, **kwargs: Any) -> list[Error | Warning]:
    """Keys, SMS backend, database engine and connection reuse."""
    problems: list[Error | Warning] = []
    for name in ("VAXKIT_FIELD_KEY", "VAXKIT_LOOKUP_KEY"):
        key = getattr(settings, name, None)
        if not isinstance(key, bytes) or len(key) != 32:
            problems.append(
                Error(
                    f"{name} is not a 32-byte key.",
                    hint="Set it to 64 hex digits and keep it safe: sealed numbers need it.",
                    id="vaxkit.E001",
                )
            )
    backend = getattr(settings, "VAXKIT_SMS_BACKEND", "")
    if backend not in BACKENDS and "." not in backend:
        problems.append(
            Error(
                f"VAXKIT_SMS_BACKEND '{backend}' is unknown.",
                hint=f"Use one of {', '.join(BACKENDS)} or a dotted path to a backend class.",
                id="vaxkit.E002",
            )
        )
    if backend == "http" and not settings.VAXKIT_SMS_HTTP_URL:
        problems.append(
            Error(
                "The http SMS backend needs VAXKIT_SMS_HTTP_URL (and VAXKIT_SMS_HTTP_TOKEN).",
                id="vaxkit.E003",
            )
        )
    problems += database_problems(settings.DATABASES.get("default", {}))
    if apps.is_installed(CERTIFICATE_APP) and certificate_hook() is None:
        problems.append(
            Error(
                f"The certificates app is installed but {CERTIFICATE_HOOK} is missing.",
                hint="Recorded doses would get no certificate; see vaxkit.platform.signals.",
                id="vaxkit.E005",
            )
        )
    if not settings.DEBUG and not getattr(settings, "REDIS_URL", ""):
        problems.append(
            Warning(
                "REDIS_URL is not set: OTP and abuse limits are counted per web process.",
                hint="Set REDIS_URL so that every process shares the counters.",
                id="vaxkit.W002",
            )
        )
    return problems


def database_problems(database: dict[str, Any]) -> list[Error | Warning]:
    """Problems of one ``DATABASES`` entry."""
    problems: list[Error | Warning] = []
    if database.get("ENGINE") != "django_tenants.postgresql_backend":
        problems.append(
            Error(
                "The default database must use django_tenants.postgresql_backend.",
                hint="Configure it with DATABASE_URL; vaxkit runs on PostgreSQL only.",
                id="vaxkit.E004",
            )
        )
    if database.get("CONN_MAX_AGE") == 0:
        problems.append(
            Warning(
                "CONN_MAX_AGE is 0: a new database connection per request costs most of the "
                "throughput.",
                hint="Keep connections persistent, or pool them in session mode.",
                id="vaxkit.W001",
            )
        )
    return problems
