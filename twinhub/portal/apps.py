from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The layer above the areas: what ties them into one site (navigation, the demo)."""

    name = "twinhub.portal"
    label = "portal"

    def ready(self):
        from twinhub.portal import signals  # noqa: F401
