from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "vaxkit.platform.reference"
    label = "reference"
    verbose_name = "Reference data"
