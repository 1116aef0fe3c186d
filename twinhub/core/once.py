"""Periodic work that must happen once per key (a digest per person per day, a notice per window)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from twinhub.core.models import DoneOnce


def first_time(key: str) -> bool:
    """Claim the key in the caller's transaction: True only the first time. Do the work in the same
    transaction, so a rolled-back run leaves the key free for the next one."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("first_time() claims a key inside the transaction of the work it guards")
    _entry, created = DoneOnce.objects.get_or_create(key=key[:200])
    return created


def done_once_forget(*, older_than: timedelta = timedelta(days=60)) -> int:
    """Drop old keys (a key carries its date, so none is asked again)."""
    deleted, _ = DoneOnce.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
