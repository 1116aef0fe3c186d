from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpcentreConfig(AppConfig):
    name = "twinhub.helpcentre"
    verbose_name = _("Help centre")
    label = "helpcentre"

    def ready(self):
        from twinhub.helpcentre import signals

        signals.connect()  # the dashboard's cache follows what it counts
