"""The Celery application: `celery -A twinhub worker` and `celery -A twinhub beat` (decision 14).

Its configuration is the `CELERY_*` settings (twinhub/settings.py). Tasks are declared in each
app's `tasks.py` with `twinhub.core.tasks.task`; periodic ones with `twinhub.core.tasks.periodic`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinhub.settings")

app = Celery("twinhub", task_cls="twinhub.core.tasks:Task")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
