"""Celery worker entry point: `celery -A config.celery_app worker`. The tasks are vaxkit's."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from vaxkit.platform.jobs import app  # noqa: E402

app.autodiscover_tasks()

__all__ = ["app"]
