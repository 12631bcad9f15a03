from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "vaxkit.platform.audit"
    label = "audit"
    verbose_name = "Audit log"
