from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "vaxkit.platform.registration"
    label = "registration"
    verbose_name = "Registration"
