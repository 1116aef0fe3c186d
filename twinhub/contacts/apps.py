from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "twinhub.contacts"
    label = "contacts"

    def ready(self):
        from twinhub.contacts import signals  # noqa: F401  (connects the partner-search index)
