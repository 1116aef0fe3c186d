"""Keep the partner-search index in step with the facts it is built from: the profile, the
name, the memberships and the school names. Connected in `ContactsConfig.ready`; the refresh is a
task asked for in the transaction of the change and run after it commits (a rolled-back change asks
for nothing), so a school renamed with thousands of members does not hold the request."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from twinhub.accounts.models import Profile, User
from twinhub.contacts.tasks import search_entries_refresh_task
from twinhub.schools.models import Membership, MembershipStatus, School

_USER_FIELDS = {"first_name", "last_name", "is_active", "email"}


@receiver([post_save, post_delete], sender=Profile, dispatch_uid="contacts_search_profile")
def _profile_changed(sender, instance, **kwargs):
    search_entries_refresh_task.delay(user_ids=[instance.user_id])


@receiver([post_save, post_delete], sender=Membership, dispatch_uid="contacts_search_membership")
def _membership_changed(sender, instance, **kwargs):
    search_entries_refresh_task.delay(user_ids=[instance.user_id])


@receiver(post_save, sender=User, dispatch_uid="contacts_search_user")
def _user_changed(sender, instance, created, update_fields=None, **kwargs):
    # A login saves `last_login` only: nothing to do. New users have no profile yet.
    if created or (update_fields is not None and not set(update_fields) & _USER_FIELDS):
        return
    if Profile.objects.filter(user_id=instance.pk).exists():
        search_entries_refresh_task.delay(user_ids=[instance.pk])


@receiver(post_save, sender=School, dispatch_uid="contacts_search_school")
def _school_changed(sender, instance, created, **kwargs):
    if created:
        return
    search_entries_refresh_task.delay(user_ids=list(
        Membership.objects.filter(school=instance, status=MembershipStatus.APPROVED).values_list("user_id", flat=True)))
