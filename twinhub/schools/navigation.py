"""The schools' entry in the staff menu (twinhub/core/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from twinhub.core.navigation import STAFF, NavEntry, nav_register

nav_register(
    NavEntry(section=STAFF, key="possible-duplicates", url_name="possible_duplicates",
             label=_("Possible duplicate schools"), icon="school", order=15,
             visible=lambda facts: facts.can("merge_schools")),
)
