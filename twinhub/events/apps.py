from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "twinhub.events"
    label = "events"

    def ready(self):
        # Registers in lower apps' registries: certificate verification and the calendar feed.
        from twinhub.events import registries  # noqa: F401
