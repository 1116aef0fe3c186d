from django.apps import AppConfig


class HelpcentreConfig(AppConfig):
    name = "twinhub.helpcentre"
    label = "helpcentre"

    def ready(self):
        from twinhub.helpcentre import notifications  # noqa: F401  (registers notification kinds)
