from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "twinhub.staff"
    verbose_name = _("Staff roles")
    label = "staff"

    def ready(self):
        from twinhub.staff import signals  # noqa: F401  (the directory cache follows the roles)
