from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "vaxkit.platform.scheduling"
    label = "scheduling"
    verbose_name = "Centres and sessions"
