from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "vaxkit.platform.certificates"
    label = "certificates"
    verbose_name = "Certificates"

    def ready(self) -> None:
        # registers the issuance task with the Celery app in every process, workers included
        from vaxkit.platform.certificates import tasks  # noqa: F401
