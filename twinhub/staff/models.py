from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from twinhub.geography.countries import country_choices
from twinhub.staff.roles import RoleKind


class StaffRoleQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(listed_in_directory=True)


class StaffRole(models.Model):
    """A platform role with its scope: a coordinator has a country and a region (a Turkish
    province), NSS staff a country, CSS staff and site administrators no limit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles")
    kind = models.CharField(_("role"), max_length=16, choices=RoleKind.choices)
    country = models.CharField(_("country"), max_length=2, choices=country_choices, blank=True)
    region = models.CharField(_("region"), max_length=16, blank=True)
    public_email = models.EmailField(_("public contact email"), blank=True)
    public_phone = models.CharField(_("public phone"), max_length=40, blank=True)
    listed_in_directory = models.BooleanField(_("listed in the public directory"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StaffRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        ordering = ["country", "region", "kind"]
        indexes = [models.Index(fields=["kind", "country", "region"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "country", "region"], name="staff_role_unique"),
            models.CheckConstraint(
                name="staff_role_scope_complete",
                condition=(
                    Q(kind__in=["css", "admin"])
                    | (Q(kind="nss") & ~Q(country=""))
                    | (Q(kind="coordinator") & ~Q(country="") & ~Q(region=""))
                ),
            ),
        ]

    def __str__(self):
        scope = "/".join(part for part in (self.country, self.region) if part) or "*"
        return f"{self.user} – {self.get_kind_display()} ({scope})"

    @property
    def contact_email(self) -> str:
        return self.public_email or self.user.email
