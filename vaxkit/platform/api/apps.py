"""The public APIs as a Django app (shared: its routes serve every tenant's host)."""

from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vaxkit.platform.api"
    label = "vaxkit_api"
    verbose_name = "Public APIs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from vaxkit.platform.api.caching import forget_facilities
        from vaxkit.platform.signals import seats_changed

        # every booking path (web pages, APIs, staff walk-ins) makes cached availability stale
        seats_changed.connect(forget_facilities, dispatch_uid="vaxkit.api.cache")
