"""The menu's cached facts about a person (portal.context_processors.nav_facts) are forgotten when
what they are computed from changes: the profile (joined), the platform roles, the account."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from twinhub.accounts.models import Profile, User
from twinhub.portal.context_processors import nav_facts_forget
from twinhub.staff.models import StaffRole


@receiver(post_save, sender=Profile, dispatch_uid="portal_navfacts_profile_saved")
def _profile_saved(sender, instance, created=False, **kwargs):
    if created:  # the menu asks whether there is a profile, not what it says
        nav_facts_forget(instance.user_id)


@receiver(post_delete, sender=Profile, dispatch_uid="portal_navfacts_profile_deleted")
@receiver([post_save, post_delete], sender=StaffRole, dispatch_uid="portal_navfacts_role")
def _profile_or_role_changed(sender, instance, **kwargs):
    nav_facts_forget(instance.user_id)


@receiver([post_save, post_delete], sender=User, dispatch_uid="portal_navfacts_user")
def _user_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if created or (update_fields is not None and not {"is_superuser", "is_active"} & set(update_fields)):
        return  # a new account has nothing cached; a log-in saves last_login only
    nav_facts_forget(instance.pk)
