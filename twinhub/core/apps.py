from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "twinhub.core"
    label = "core"
