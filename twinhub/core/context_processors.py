from twinhub.schools.selectors import has_profile
from twinhub.staff.selectors import is_validator, nss_countries_of


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
        "nav_manages_roles": bool(nss_countries_of(user)),
        "nav_unread": unread,
    }
