"""Starting Django from the command line and bringing the database up to date."""

from __future__ import annotations

import io
import os

DEFAULT_SETTINGS = "vaxkit.platform.settings.local"


def setup_django(settings_module: str | None = None, *, force: bool = False) -> None:
    """Configure Django once: ``DJANGO_SETTINGS_MODULE``, else ``settings_module``, else local
    settings; with ``force``, ``settings_module`` wins over the environment (the demo)."""
    import django
    from django.conf import settings

    if settings.configured:
        return
    if force and settings_module:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module or DEFAULT_SETTINGS)
    django.setup()


def migrate_shared(verbosity: int = 0) -> None:
    """Apply the shared apps' migrations to the ``public`` schema (quick when up to date)."""
    from django.core.management import call_command

    call_command(
        "migrate_schemas",
        shared=True,
        interactive=False,
        verbosity=verbosity,
        stdout=io.StringIO(),
    )


def migrate_tenants(verbosity: int = 0) -> None:
    """Apply pending tenant migrations to every tenant schema, one transaction each."""
    from django.core.management import call_command

    call_command(
        "migrate_schemas",
        tenant=True,
        interactive=False,
        verbosity=verbosity,
        stdout=io.StringIO(),
    )
