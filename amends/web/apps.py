from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "amends.web"
    label = "web"
    verbose_name = "Amends web"
