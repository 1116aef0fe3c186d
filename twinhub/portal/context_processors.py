from twinhub.accounts.selectors import has_profile
from twinhub.core.navigation import NavFacts, nav_sections
from twinhub.helpcentre.dashboard import dashboard_scope
from twinhub.helpcentre.selectors import is_support_staff
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import is_validator, staff_reach, staff_roles_of
from twinhub.twinspace.selectors import PUPIL_SESSION_KEY, current_pupil


def nav_facts(user) -> NavFacts:
    """What the menu asks about a person, computed once per request (few queries, whatever the entries)."""
    if user is None or not user.is_authenticated:
        return NavFacts()
    return NavFacts(authenticated=True, joined=has_profile(user),
                    staff=bool(staff_roles_of(user)) or user.is_superuser, extra={
                        "validator": is_validator(user),
                        "manage_roles": bool(staff_reach(user, Capability.MANAGE_ROLES)),
                        "support_staff": is_support_staff(user),
                        "nss_dashboard": dashboard_scope(user) is not None,
                        "evaluate_labels": bool(staff_reach(user, Capability.EVALUATE_LABELS)),
                        "select_eql": bool(staff_reach(user, Capability.SELECT_EQL)),
                        "superuser": user.is_superuser,
                        "operations": bool(staff_reach(user, Capability.OPERATE)),
                        "merge_schools": bool(staff_reach(user, Capability.MERGE_SCHOOLS)),  # migration (0026)
                        "moderate_network": bool(staff_reach(user, Capability.MODERATE_NETWORK)),  # groups
                    })


def navigation(request):
    user = getattr(request, "user", None)
    facts = nav_facts(user)
    context = {"nav_sections": nav_sections(facts), "nav_facts": facts}
    if not facts.authenticated:
        # A pupil (signed in with a code, no account) sees their TwinSpace, not "Log in / Create account".
        has_pupil = request is not None and hasattr(request, "session") and PUPIL_SESSION_KEY in request.session
        context["nav_pupil"] = current_pupil(request) if has_pupil else None
        return context
    unread = getattr(user, "_unread_notifications", None)
    if unread is None:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return context | {
        "nav_joined": facts.joined, "nav_staff": facts.staff, "nav_unread": unread,
        "nav_is_validator": facts.can("validator"), "nav_manages_roles": facts.can("manage_roles"),
        "nav_support_staff": facts.can("support_staff"), "nav_dashboard": facts.can("nss_dashboard"),
        "nav_operations": facts.can("operations"),
    }
