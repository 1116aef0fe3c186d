from django.apps import AppConfig


class LegacyConfig(AppConfig):
    name = "twinhub.legacy"
    label = "legacy"

    def ready(self):
        from allauth.account.signals import email_confirmed

        from twinhub.legacy.slots import fill_slots

        email_confirmed.connect(_attach_on_confirm, dispatch_uid="legacy_attach_on_confirm")
        fill_slots()


def _attach_on_confirm(sender, request=None, email_address=None, **kwargs):
    """Verifying an address attaches the old-platform data it names (rules 3, 4)."""
    from twinhub.legacy.services import legacy_attach_for_email

    if email_address is not None and email_address.verified:
        legacy_attach_for_email(user=email_address.user, email=email_address.email)
