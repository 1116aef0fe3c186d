from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabelsConfig(AppConfig):
    name = "twinhub.labels"
    verbose_name = _("Quality Labels")
    label = "labels"

    def ready(self):
        from twinhub.labels import certificates  # noqa: F401  (registers with the public verification)
        from twinhub.labels.slots import fill_slots

        fill_slots()
