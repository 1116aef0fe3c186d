"""The daily notification digest for users who chose it (NotificationPreference.daily_digest)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from twinhub.core.models import Notification, NotificationPreference
from twinhub.core.notifications import send_templated_email
from twinhub.core.once import first_time
from twinhub.core.tasks import crontab, periodic, task

DIGEST_SPAN = timedelta(days=1)
DIGEST_MAX_ITEMS = 50


def notification_digest_choose(*, user, daily: bool) -> None:
    NotificationPreference.objects.update_or_create(user=user, defaults={"daily_digest": daily})


def notification_digest_chosen(user) -> bool:
    return NotificationPreference.objects.filter(user=user, daily_digest=True).exists()


@periodic(crontab(hour=18, minute=0))
@task
def notification_digests_send() -> int:
    """One e-mail per user who chose the digest and has notifications of the past day still unread,
    in their language. Once a day: a second run the same day sends nothing more."""
    now = timezone.now()
    since = now - DIGEST_SPAN
    users = (get_user_model().objects.filter(
        notification_preference__daily_digest=True, is_active=True,
        notifications__read_at__isnull=True, notifications__created_at__gte=since).exclude(email="").distinct())
    sent = 0
    for user in users.iterator(chunk_size=500):
        items = list(Notification.objects.filter(user=user, read_at__isnull=True, created_at__gte=since)
                     [:DIGEST_MAX_ITEMS])
        with transaction.atomic():
            if not first_time(f"notification-digest:{user.pk}:{now.date()}"):
                continue
            # The texts are rendered by the template, in the reader's language.
            send_templated_email(user=user, template="core/email/notification_digest",
                                 context={"user": user, "items": items, "url": "/notifications/"})
            sent += 1
    return sent
