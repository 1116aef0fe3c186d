"""The menu entries of events, the project gallery and kits (twinhub/core/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from twinhub.core.navigation import NETWORKING, NavEntry, nav_register


def _everyone(facts) -> bool:
    return True


nav_register(
    NavEntry(section=NETWORKING, key="events", url_name="events", label=_("Events"), icon="calendar", order=30,
             visible=_everyone),
    NavEntry(section=NETWORKING, key="gallery", url_name="gallery", label=_("Project gallery"), icon="image",
             order=50, visible=_everyone),
    NavEntry(section=NETWORKING, key="kits", url_name="kits", label=_("Project kits"), icon="file-text", order=55,
             visible=_everyone),
)
