"""The validation queue's cached totals (selectors.queue_count) are forgotten when a membership, a
school (its region, a merge) or a platform role (the validator's scope) changes."""

from django.db.models.signals import post_delete, post_save

from twinhub.core.cache import cache_invalidate
from twinhub.schools.models import Membership, PossibleDuplicate, School
from twinhub.schools.selectors import QUEUE_COUNT_CACHE
from twinhub.staff.models import StaffRole


def _queue_changed(sender, **kwargs):
    cache_invalidate(QUEUE_COUNT_CACHE)


def connect() -> None:
    for model in (Membership, School, PossibleDuplicate, StaffRole):
        for signal in (post_save, post_delete):
            signal.connect(_queue_changed, sender=model, dispatch_uid=f"schools_queue_count_{model.__name__}")
