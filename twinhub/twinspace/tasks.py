"""TwinSpace's background work: telling subscribers about an activity (decision 15)."""

from django.db import transaction

from twinhub.core.models import Notification
from twinhub.core.notifications import notify
from twinhub.core.tasks import task
from twinhub.twinspace.codes import TwinSpaceNotice
from twinhub.twinspace.models import Activity, Subscription


@task(database_only=True)
def activity_fan_out(*, activity_id: int, author_user_id: int | None) -> int:
    """A notification (and its e-mail, if chosen) to each subscriber but the author. Idempotent:
    whoever already has this activity's notification is skipped, so a retry tells nobody twice."""
    activity = Activity.objects.filter(pk=activity_id).first()
    if activity is None:
        return 0
    told = Notification.objects.filter(kind=TwinSpaceNotice.ACTIVITY, params__activity=activity_id).values("user_id")
    subscribers = (Subscription.objects.filter(project_id=activity.project_id).exclude(user_id__in=told)
                   .exclude(user_id=author_user_id).select_related("user", "user__profile"))
    params = {"kind": activity.kind, "actor": activity.actor_name, **activity.params, "activity": activity_id}
    count = 0
    with transaction.atomic():
        for sub in subscribers:
            notify(user=sub.user, kind=TwinSpaceNotice.ACTIVITY, params=params, url=activity.url,
                   email_template="twinspace/email/activity" if sub.by_email else None)
            count += 1
    return count
