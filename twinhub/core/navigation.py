"""The site's menu as a registry: each app adds its entries, the page frame (portal's base.html)
shows them grouped by what people do.

An app adds entries in its own `navigation.py` (found by core's AppConfig, as `notifications.py`
is), so a new area needs no change to the page frame:

    from twinhub.core.navigation import NETWORKING, NavEntry, nav_register
    nav_register(NavEntry(section=NETWORKING, key="groups", url_name="groups",
                          label=_("Groups"), icon="users-round", order=40,
                          visible=lambda facts: facts.joined))

`visible(facts)` decides from `NavFacts`, computed once per request by portal's context processor,
so the menu costs the same few queries however many entries there are."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

WORK = "work"
NETWORKING = "networking"
LABELS = "labels"
HELP = "help"
STAFF = "staff"

SECTIONS: dict[str, Promise] = {
    WORK: _("My work"),
    NETWORKING: _("Networking"),
    LABELS: _("Quality Labels"),
    HELP: _("Help"),
    STAFF: _("Staff tools"),
}


@dataclass(frozen=True)
class NavFacts:
    """What the menu may ask about the person looking at the page (all known before rendering)."""

    authenticated: bool = False
    joined: bool = False  # has joined eTwinning (has a profile)
    staff: bool = False  # holds any platform role, or is a superuser
    extra: dict[str, Any] = field(default_factory=dict)  # what portal knows more (capabilities…)

    def can(self, name: str) -> bool:
        return bool(self.extra.get(name))


@dataclass(frozen=True)
class NavEntry:
    section: str
    key: str  # unique; the link's id is "nav-<key>"
    url_name: str | Callable[[NavFacts], str]  # or chosen from the facts (who sees which page)
    label: Promise | str
    icon: str  # a name in static/icons/sprite.svg
    visible: Callable[[NavFacts], bool]
    order: int = 100
    url_args: tuple = ()


@dataclass(frozen=True)
class NavLink:
    key: str
    url: str
    label: str
    icon: str


_entries: dict[str, NavEntry] = {}


def nav_register(*entries: NavEntry) -> None:
    for entry in entries:
        if entry.section not in SECTIONS:
            raise ValueError(f"unknown menu section {entry.section!r}")
        _entries[entry.key] = entry  # a second ready() registers the same keys again


def nav_registry_key() -> tuple[str, ...]:
    """What is registered now: a menu kept for later (portal's context processor) is kept under it."""
    return tuple(_entries)


def _url_name(entry: NavEntry, facts: NavFacts) -> str:
    return entry.url_name(facts) if callable(entry.url_name) else entry.url_name


def nav_sections(facts: NavFacts) -> list[tuple[str, str, list[NavLink]]]:
    """The visible entries, grouped: [(section key, section label, links)], empty sections left out."""
    found: dict[str, list[NavEntry]] = {key: [] for key in SECTIONS}
    for entry in _entries.values():
        if entry.visible(facts):
            found[entry.section].append(entry)
    return [
        (key, str(SECTIONS[key]),
         [NavLink(e.key, reverse(_url_name(e, facts), args=e.url_args), str(e.label), e.icon)
          for e in sorted(entries, key=lambda e: (e.order, e.key))])
        for key, entries in found.items() if entries
    ]
