from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind
from twinhub.schools.codes import SchoolNotice


@notification_kind(SchoolNotice.MEMBERSHIP_APPROVED)
def _approved(params):
    return _("Your membership at %(school)s was approved. You are now an eTwinner.") % params


@notification_kind(SchoolNotice.MEMBERSHIP_REJECTED)
def _rejected(params):
    return _("Your membership at %(school)s was rejected: %(reason)s") % params


@notification_kind(SchoolNotice.MEMBERSHIP_WAITING)
def _waiting(params):
    return _("%(teacher)s asks to join eTwinning at %(school)s: the membership waits for your decision.") % params
