from django.apps import AppConfig


class LabelsConfig(AppConfig):
    name = "twinhub.labels"
    label = "labels"

    def ready(self):
        from twinhub.labels import certificates  # noqa: F401  (registers with the public verification)
        from twinhub.labels.slots import fill_slots

        fill_slots()
