from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind


@notification_kind("membership.approved")
def _approved(params):
    return _("Your membership at %(school)s was approved. You are now an eTwinner.") % params


@notification_kind("membership.rejected")
def _rejected(params):
    return _("Your membership at %(school)s was rejected: %(reason)s") % params
