"""``manage.py list_tenants``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vaxkit.platform.tenants.directory import tenant_directory


class Command(BaseCommand):
    help = "List tenants with their domains."

    def handle(self, *args: Any, **options: Any) -> None:
        for entry in tenant_directory():
            self.stdout.write(f"{entry.code}\t{entry.name}\t{', '.join(entry.domains)}")
