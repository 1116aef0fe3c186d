from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "twinhub.schools"
    label = "schools"

    def ready(self):
        from twinhub.schools import notifications  # noqa: F401  (registers notification kinds)
