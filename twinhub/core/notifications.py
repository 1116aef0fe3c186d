"""In-app notifications and notification emails, both in the recipient's language.

Each kind registers how it reads; the stored row keeps only the kind and its parameters,
so a teacher who switches language reads old notifications in the new one.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from twinhub.core.models import Notification
from twinhub.core.notification_kinds import notification_kind, render  # noqa: F401 (the apps register here)
from twinhub.core.prepared import PreparedQuery
from twinhub.core.values import is_email_address

logger = logging.getLogger(__name__)


def user_language(user) -> str:
    profile = getattr(user, "profile", None) if user is not None else None
    language = getattr(profile, "language", "") or getattr(user, "language", "")
    return language or settings.LANGUAGE_CODE


UNREAD_TIMEOUT = 300  # seconds: a write that forgot to say so heals by itself


def unread_count_key(user_id: int) -> str:
    return f"notifications.unread:v1:{user_id}"


def unread_count(user) -> int:
    """How many of the user's notifications are unread (the bell in every page's header): from the
    shared cache, counted when it is not there. Every write below forgets it (`unread_forget`)."""
    key = unread_count_key(user.pk)
    count = cache.get(key)
    if not isinstance(count, int):
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_TIMEOUT)
    return count


def unread_forget(user_ids) -> None:
    """The counts of these users changed: forgotten at once, and again when the writing transaction
    commits (a reader counting in between, before the commit, cannot keep the old number)."""
    keys = [unread_count_key(user_id) for user_id in user_ids]
    if not keys:
        return
    cache.delete_many(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete_many(keys))


LATEST_ON_HOME = 5
_LATEST = PreparedQuery(lambda user_id: Notification.objects.filter(user_id=user_id)[:LATEST_ON_HOME],
                        user_id=int)


def latest_notifications(user) -> list[Notification]:
    """The few newest notifications of the teacher's home (decision 54: on every home page)."""
    return _LATEST.objects(user_id=user.pk)


def notify(*, user, kind: str, params: dict, url: str = "", email_template: str | None = None) -> None:
    """Create the in-app notification and queue its e-mail, both in the caller's transaction: the
    e-mail leaves after the commit, through the outbox (twinhub/core/outbox.py)."""
    Notification.objects.create(user=user, kind=kind, params=params, url=url)
    if email_template and user.email:
        send_templated_email(user=user, template=email_template, context={"params": params, "url": url, "user": user})


def notifications_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read (or all): an explicit action, never a side effect
    of looking at them. Someone else's notification is not touched."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    changed = unread.update(read_at=timezone.now())
    unread_forget([user.pk])
    return changed


def send_templated_email(*, user=None, to: str | None = None, language: str | None = None,
                         template: str, context: dict) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` in the recipient's language and send."""
    recipient = to or user.email
    if not is_email_address(recipient):
        # An address stored before the stricter check (issue 12): mail cannot reach it, and the
        # action that asked for the mail must not fail because of it.
        logger.warning("not sending %s: %r is not a deliverable address", template, recipient)
        return
    with translation.override(language or user_language(user)):
        context = {"site_url": settings.SITE_URL, "platform_name": settings.PLATFORM_NAME, **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
