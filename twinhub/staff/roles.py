"""The platform roles, named once: every app that asks "is this person NSS staff?" imports them
from here (staff is below every app that needs them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Provincial coordinator")
    NSS = "nss", _("National Support Service staff")
    CSS = "css", _("Central Support Service staff")
    ADMIN = "admin", _("Site administrator")


COORDINATOR, NSS, CSS, ADMIN = (RoleKind.COORDINATOR.value, RoleKind.NSS.value, RoleKind.CSS.value,
                                RoleKind.ADMIN.value)
