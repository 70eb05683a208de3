from django.apps import AppConfig


class ApologyConfig(AppConfig):
    name = "amends.apology"
    label = "apology"
    verbose_name = "Apologies"
