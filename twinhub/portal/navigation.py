"""The menu entries of the areas below portal (apps above core may add theirs in their own
`navigation.py`: twinhub/core/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from twinhub.core.navigation import HELP, LABELS, NETWORKING, STAFF, WORK, NavEntry, nav_register


def _member(facts) -> bool:
    return facts.joined


def _newcomer(facts) -> bool:
    """Signed in, not an eTwinner and no staff role: "Join eTwinning" is their next step."""
    return facts.authenticated and not facts.joined and not facts.staff


def _signed_in(facts) -> bool:
    return facts.authenticated


def _everyone(facts) -> bool:
    return True


nav_register(
    NavEntry(section=WORK, key="home", url_name="dashboard", label=_("Home"), icon="house", order=0,
             visible=_signed_in),
    NavEntry(section=WORK, key="join", url_name="join", label=_("Join eTwinning"), icon="user-plus", order=5,
             visible=_newcomer),
    NavEntry(section=WORK, key="projects", url_name="my_projects", label=_("My projects"), icon="folder-kanban",
             order=10, visible=_member),
    NavEntry(section=WORK, key="contacts", url_name="contacts", label=_("Contacts"), icon="contact", order=20,
             visible=_member),
    NavEntry(section=WORK, key="mailbox", url_name="mailbox", label=_("Mailbox"), icon="mail", order=30,
             visible=_member),
    NavEntry(section=NETWORKING, key="partners", url_name="partner_search", label=_("Find partners"),
             icon="search", order=10, visible=_member),
    NavEntry(section=NETWORKING, key="directory", url_name="project_directory", label=_("Project directory"),
             icon="globe", order=20, visible=_everyone),
    NavEntry(section=NETWORKING, key="coordinators", url_name="coordinators", label=_("Coordinators"),
             icon="map-pin", order=90, visible=_everyone),
    NavEntry(section=LABELS, key="quality-labels", url_name="my_labels", label=_("My Quality Labels"),
             icon="award", order=10, visible=_member),
    NavEntry(section=LABELS, key="evaluations", label=_("Evaluations"), icon="list-checks", order=20,
             url_name=lambda facts: "label_queue" if facts.can("evaluate_labels") else "eql_selection",
             visible=lambda facts: facts.can("evaluate_labels") or facts.can("select_eql")),
    NavEntry(section=HELP, key="help", url_name="help_why", label=_("Why can't I…?"), icon="circle-help",
             order=10, visible=_signed_in),
    NavEntry(section=HELP, key="articles", url_name="help_articles", label=_("Help articles"), icon="book-open",
             order=20, visible=_everyone),
    NavEntry(section=HELP, key="support", url_name="support_new", label=_("Contact support"), icon="life-buoy",
             order=30, visible=_signed_in),
    NavEntry(section=STAFF, key="validation-queue", url_name="validation_queue", label=_("Validation queue"),
             icon="shield-check", order=10, visible=lambda facts: facts.can("validator")),
    NavEntry(section=STAFF, key="nss-dashboard", url_name="nss_dashboard", label=_("Service dashboard"),
             icon="chart-column", order=20, visible=lambda facts: facts.can("nss_dashboard")),
    NavEntry(section=STAFF, key="support-queue", url_name="support_queue", label=_("Support queue"),
             icon="inbox", order=30, visible=lambda facts: facts.can("support_staff")),
    NavEntry(section=STAFF, key="roles", url_name="staff_roles", label=_("Roles"), icon="key-round", order=40,
             visible=lambda facts: facts.can("manage_roles")),
    NavEntry(section=STAFF, key="operations", url_name="operations", label=_("Operations"), icon="inbox",
             order=80, visible=lambda facts: facts.can("operations")),
    NavEntry(section=STAFF, key="admin", url_name="admin:index", label=_("Administration"), icon="settings",
             order=90, visible=lambda facts: facts.can("superuser")),
)
