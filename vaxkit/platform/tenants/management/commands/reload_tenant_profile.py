"""``manage.py reload_tenant_profile CODE [--profile P]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vaxkit.platform.actors import System
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.tenants.provisioning import reload_profile
from vaxkit.profiles.issues import ProfileError


class Command(BaseCommand):
    help = "Load a tenant's profile again and re-seed its reference data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="Tenant code.")
        parser.add_argument("--profile", help="Profile file (default: where it came from).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            tenant = reload_profile(
                options["code"], actor=System("manage.py"), profile_path=options.get("profile")
            )
        except ProfileError as error:
            raise CommandError(str(error)) from None
        except ServiceError as error:
            raise CommandError(f"{error.message} [{error.code}]") from None
        self.stdout.write(f"Profile of {tenant.code} reloaded ({tenant.profile_sha256[:12]}).")
