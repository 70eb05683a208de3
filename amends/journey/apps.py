from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "amends.journey"
    label = "journey"
    verbose_name = "The journey"
