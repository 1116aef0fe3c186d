from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwinspaceConfig(AppConfig):
    name = "twinhub.twinspace"
    verbose_name = _("TwinSpaces")
    label = "twinspace"

    def ready(self):
        from twinhub.twinspace.slots import fill_slots
        fill_slots()
