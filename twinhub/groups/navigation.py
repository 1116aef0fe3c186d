"""Groups' menu entries (twinhub/core/navigation.py), under Networking and Staff tools."""

from django.utils.translation import gettext_lazy as _

from twinhub.core.navigation import NETWORKING, STAFF, NavEntry, nav_register

nav_register(
    NavEntry(section=NETWORKING, key="groups", url_name="groups", label=_("Groups"), icon="users-round", order=12,
             visible=lambda facts: facts.authenticated),
    NavEntry(section=NETWORKING, key="partner-posts", url_name="partner_posts", label=_("Looking for partners"),
             icon="handshake", order=14, visible=lambda facts: facts.joined),
    NavEntry(section=NETWORKING, key="moderation", url_name="moderation_queue", label=_("Moderation"), icon="flag",
             order=80, visible=lambda facts: facts.joined or facts.staff),
    NavEntry(section=STAFF, key="group-proposals", url_name="group_proposals", label=_("Group proposals"),
             icon="users", order=50, visible=lambda facts: facts.can("moderate_network")),
)
