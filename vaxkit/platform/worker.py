"""Entry point of background workers: ``celery -A vaxkit.platform.worker worker``.

Settings come from ``DJANGO_SETTINGS_MODULE`` (default: local); the broker from
``CELERY_BROKER_URL``. Every task enters the tenant named by its first argument.
"""

from __future__ import annotations

from vaxkit.platform.bootstrap import setup_django

setup_django()

from vaxkit.platform.jobs import app  # noqa: E402

__all__ = ["app"]
