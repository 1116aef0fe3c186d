"""Reads about contacts. Other apps (projects: co-founders, invitations) use these."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from twinhub.contacts.models import Contact


def are_contacts(a, b) -> bool:
    return Contact.objects.filter(user=a, other=b).exists()


def contact_ids_of(user) -> set[int]:
    return set(Contact.objects.filter(user=user).values_list("other_id", flat=True))


def contacts_of(user) -> QuerySet:
    return (get_user_model().objects.filter(pk__in=Contact.objects.filter(user=user).values("other_id"))
            .select_related("profile").order_by("last_name", "first_name", "id"))
