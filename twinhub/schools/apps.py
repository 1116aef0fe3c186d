from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "twinhub.schools"
    label = "schools"

