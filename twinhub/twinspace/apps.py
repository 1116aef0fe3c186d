from django.apps import AppConfig


class TwinspaceConfig(AppConfig):
    name = "twinhub.twinspace"
    label = "twinspace"

