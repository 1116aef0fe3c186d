from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "twinhub.geography"
    label = "geography"
