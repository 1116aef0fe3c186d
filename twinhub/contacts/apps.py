from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "twinhub.contacts"
    label = "contacts"
