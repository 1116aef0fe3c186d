from django.apps import AppConfig


class HelpcentreConfig(AppConfig):
    name = "twinhub.helpcentre"
    label = "helpcentre"

