"""Test helpers for other apps: make two eTwinners contacts through the real request flow."""

from twinhub.contacts.services import contacts_link


def make_contacts(a, b) -> None:
    contacts_link(a=a, b=b)
