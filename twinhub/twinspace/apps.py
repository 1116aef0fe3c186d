from django.apps import AppConfig


class TwinspaceConfig(AppConfig):
    name = "twinhub.twinspace"
    label = "twinspace"

    def ready(self):
        from twinhub.twinspace import notifications  # noqa: F401  (registers notification kinds)
