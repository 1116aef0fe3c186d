"""The cached coordinators directory is forgotten when a role or a person's name or e-mail changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from twinhub.accounts.models import User
from twinhub.core.cache import cache_invalidate
from twinhub.staff.models import StaffRole
from twinhub.staff.selectors import DIRECTORY_CACHE

_SHOWN_USER_FIELDS = {"first_name", "last_name", "email", "is_active"}


@receiver([post_save, post_delete], sender=StaffRole, dispatch_uid="staff_directory_role")
def _role_changed(sender, instance, **kwargs):
    cache_invalidate(DIRECTORY_CACHE)


@receiver(post_save, sender=User, dispatch_uid="staff_directory_user")
def _user_changed(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and not set(update_fields) & _SHOWN_USER_FIELDS):
        return  # a log-in saves last_login only
    if StaffRole.objects.filter(user_id=instance.pk).exists():
        cache_invalidate(DIRECTORY_CACHE)
