"""Background work of events: the reminders, the day before and the hour before."""

from datetime import timedelta

from twinhub.core.tasks import periodic, task
from twinhub.events import services

REMINDER_SWEEP = timedelta(minutes=5)


@periodic(REMINDER_SWEEP)
@task
def event_reminders_send() -> int:
    """Idempotent: each reminder is claimed on its row before it is sent."""
    return services.reminders_send()
