from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "twinhub.schools"
    verbose_name = _("Schools")
    label = "schools"


    def ready(self):
        from twinhub.schools import signals

        signals.connect()  # the queue's cached totals follow memberships, schools and roles
