"""The public APIs as a Django app (shared: its routes serve every tenant's host)."""

from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vaxkit.platform.api"
    label = "vaxkit_api"
    verbose_name = "Public APIs"
    default_auto_field = "django.db.models.BigAutoField"
