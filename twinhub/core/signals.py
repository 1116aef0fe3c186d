"""A notification created or deleted changes its reader's unread count (the bell in every page's
header, kept in the shared cache by core.notifications.unread_count). Updates in bulk and
bulk_create send no signal: the code doing them calls `unread_forget` itself."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from twinhub.core.models import Notification
from twinhub.core.notifications import unread_forget


@receiver([post_save, post_delete], sender=Notification, dispatch_uid="core_unread_count")
def _notification_changed(sender, instance, **kwargs):
    unread_forget([instance.user_id])
