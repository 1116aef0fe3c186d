from twinhub.accounts.selectors import has_profile
from twinhub.helpcentre.dashboard import dashboard_scope
from twinhub.helpcentre.selectors import is_support_staff
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import is_validator, staff_reach, staff_roles_of


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = getattr(user, "_unread_notifications", None)
    if unread is None:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "nav_joined": has_profile(user),
        "nav_is_validator": is_validator(user),
        "nav_manages_roles": bool(staff_reach(user, Capability.MANAGE_ROLES)),
        "nav_unread": unread,
        "nav_staff": bool(staff_roles_of(user)) or user.is_superuser,
        "nav_support_staff": is_support_staff(user),
        "nav_dashboard": dashboard_scope(user) is not None,
        "nav_operations": bool(staff_reach(user, Capability.OPERATE)),
    }
