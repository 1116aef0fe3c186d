from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class LegacyConfig(AppConfig):
    name = "twinhub.legacy"
    verbose_name = _("Old platform import")
    label = "legacy"

    def ready(self):
        from allauth.account.models import EmailAddress

        from twinhub.legacy.slots import fill_slots

        # Every path that makes an address verified saves its EmailAddress row: the link in the
        # verification e-mail, EU Login (sign-up and later log-ins), `twinhub create-account`,
        # the admin. One receiver, one attaching service (decision 0025).
        post_save.connect(_attach_on_verified, sender=EmailAddress, dispatch_uid="legacy_attach_on_verified")
        fill_slots()


def _attach_on_verified(sender, instance=None, **kwargs):
    """A verified address attaches the old-platform data it names (rules 3, 4)."""
    from twinhub.legacy.services import legacy_attach_for_email

    if instance is not None and instance.verified and not kwargs.get("raw"):
        legacy_attach_for_email(user=instance.user, email=instance.email)
