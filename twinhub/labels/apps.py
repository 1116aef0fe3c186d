from django.apps import AppConfig


class LabelsConfig(AppConfig):
    name = "twinhub.labels"
    label = "labels"
