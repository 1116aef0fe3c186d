from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "twinhub.core"
    verbose_name = _("Audit log and notifications")
    label = "core"

    def ready(self):
        # Every app's notification kinds register the same way: in its own `notifications.py`, found
        # here (as the admin finds `admin.py`), so no service or AppConfig has to remember to import it.
        autodiscover_modules("notifications")
        # Every app's tasks (and the periodic ones it registers) are known in every process: the
        # web, which sends them, the worker and beat (twinhub/core/tasks.py).
        autodiscover_modules("tasks")
        # Every app's menu entries (twinhub/core/navigation.py), the same way.
        autodiscover_modules("navigation")
        import twinhub.core.digests  # noqa: F401  (core's own tasks: the digest and the outbox)
        import twinhub.core.outbox  # noqa: F401
        import twinhub.core.signals  # noqa: F401  (the header's unread count, forgotten on write)
        from twinhub.core import metrics

        metrics.register()  # queue depth and outbox figures on /metrics
