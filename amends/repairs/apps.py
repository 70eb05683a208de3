from django.apps import AppConfig


class RepairsConfig(AppConfig):
    name = "amends.repairs"
    label = "repairs"
    verbose_name = "Repair spaces"
