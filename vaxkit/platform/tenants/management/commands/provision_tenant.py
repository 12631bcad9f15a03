"""``manage.py provision_tenant --profile P --domain D [--domain D2] [--code C]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vaxkit.platform.actors import System
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.tenants.provisioning import provision_tenant
from vaxkit.profiles.issues import ProfileError


class Command(BaseCommand):
    help = "Create a tenant from a country profile: schema, migrations, seeds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", required=True, help="Profile YAML file.")
        parser.add_argument(
            "--domain",
            action="append",
            required=True,
            help="Host name of the tenant (repeat for more; first is primary).",
        )
        parser.add_argument("--code", help="Tenant code (default: the profile's).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = provision_tenant(
                options["profile"],
                options["domain"],
                actor=System("manage.py"),
                code=options.get("code"),
            )
        except ProfileError as error:
            raise CommandError(str(error)) from None
        except ServiceError as error:
            raise CommandError(f"{error.message} [{error.code}]") from None
        self.stdout.write(
            f"Tenant {result.tenant.code} ready in {result.seconds:.2f} s "
            f"(schema {result.tenant.schema_name})."
        )
