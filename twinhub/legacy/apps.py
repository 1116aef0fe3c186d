from django.apps import AppConfig


class LegacyConfig(AppConfig):
    name = "twinhub.legacy"
    label = "legacy"
