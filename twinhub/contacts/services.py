"""Writes about contacts."""

from django.db import transaction

from twinhub.contacts.models import Contact


@transaction.atomic
def contacts_link(*, a, b) -> None:
    """Make a and b contacts (both directions). Callers check the rules first (rule 6)."""
    Contact.objects.get_or_create(user=a, other=b)
    Contact.objects.get_or_create(user=b, other=a)
