from django.apps import AppConfig


class VaccinationConfig(AppConfig):
    name = "vaxkit.platform.vaccination"
    label = "vaccination"
    verbose_name = "Vaccination"
