from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "vaxkit.platform.tenants"
    label = "tenants"
    verbose_name = "Jurisdictions"

    def ready(self) -> None:
        from vaxkit.platform import checks  # noqa: F401 (registers the system checks)
