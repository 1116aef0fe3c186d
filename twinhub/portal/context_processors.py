"""The page frame's context: the menu, the header's counts. Every HTML page pays for it, so what it
needs about the person is read once from the shared cache (decision 40) rather than from the
database on every request."""

from django.core.cache import cache
from django.db import transaction
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from twinhub.accounts.selectors import has_profile
from twinhub.core.navigation import NavFacts, nav_registry_key, nav_sections
from twinhub.core.notifications import unread_count, unread_count_key
from twinhub.core.templatetags.ui import icon
from twinhub.helpcentre.dashboard import dashboard_scope
from twinhub.helpcentre.selectors import is_support_staff
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import is_validator, staff_reach, staff_roles_of
from twinhub.twinspace.selectors import PUPIL_SESSION_KEY, current_pupil

NAV_FACTS_TIMEOUT = 600  # seconds: a write outside Django (a queryset update, SQL) heals by itself


def nav_facts_key(user_id: int) -> str:
    return f"portal.navfacts:v1:{user_id}"


def nav_facts_forget(user_id: int) -> None:
    """Called when what the menu knows about a person changes (profile, roles, superuser): at once,
    and again when the writing transaction commits (a reader in between cannot keep a stale value)."""
    key = nav_facts_key(user_id)
    cache.delete(key)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(key))


def _compute_nav_facts(user) -> NavFacts:
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


def nav_facts(user) -> NavFacts:
    """What the menu asks about a person: from the shared cache, computed (few queries, whatever
    the entries) when it is not there; forgotten by portal.signals when a profile, a role or the
    account changes."""
    if user is None or not user.is_authenticated:
        return NavFacts()
    facts = getattr(user, "_nav_facts", None)
    if facts is None:
        key, unread_key = nav_facts_key(user.pk), unread_count_key(user.pk)
        found = cache.get_many([key, unread_key])  # the header's unread count too: one round trip
        facts = found.get(key)
        if isinstance(found.get(unread_key), int) and getattr(user, "_unread_notifications", None) is None:
            user._unread_notifications = found[unread_key]
        if not isinstance(facts, NavFacts):
            facts = _compute_nav_facts(user)
            cache.set(key, facts, NAV_FACTS_TIMEOUT)
        user._nav_facts = facts
    return facts


_SECTIONS: dict[tuple, list] = {}
_MENUS: dict[tuple, str] = {}


def _sections(facts: NavFacts) -> list:
    """nav_sections(facts), computed once per language and kind of person in each process: the menu
    depends on nothing else (it was about thirty reverse() calls and label translations a page)."""
    key = (get_language(), facts.authenticated, facts.joined, facts.staff, tuple(sorted(facts.extra.items())),
           nav_registry_key())
    found = _SECTIONS.get(key)
    if found is None:
        if len(_SECTIONS) > 512:  # bounded: languages x kinds of person are few
            _SECTIONS.clear()
        found = _SECTIONS[key] = nav_sections(facts)
    return found


def _menu(facts: NavFacts, sections: list, path: str) -> str:
    """The menu's HTML (base.html's side navigation), once per language, kind of person and current
    entry in each process: the template loop over its thirty-odd links was a good part of every page."""
    urls = {link.url for _key, _label, links in sections for link in links}
    current = path if path in urls else ""
    key = (get_language(), facts.authenticated, facts.joined, facts.staff, tuple(sorted(facts.extra.items())),
           nav_registry_key(), current)
    found = _MENUS.get(key)
    if found is None:
        if len(_MENUS) > 2048:
            _MENUS.clear()
        found = _MENUS[key] = mark_safe("".join(
            format_html('\n      <section class="nav-section nav-{}"><h2>{}</h2>\n        <ul>{}</ul>\n      </section>\n      ',
                        key, label, mark_safe("".join(
                            format_html('<li><a href="{}" id="nav-{}"{}>{}<span>{}</span></a></li>', link.url, link.key,
                                        mark_safe(' aria-current="page"') if link.url == current else "",
                                        icon(link.icon), link.label)
                            for link in links)))
            for key, label, links in sections))
    return found


def navigation(request):
    user = getattr(request, "user", None)
    facts = nav_facts(user)
    sections = _sections(facts)
    path = getattr(request, "path", "") if request is not None else ""
    context = {"nav_sections": sections, "nav_facts": facts, "nav_menu": _menu(facts, sections, path)}
    if not facts.authenticated:
        # A pupil (signed in with a code, no account) sees their TwinSpace, not "Log in / Create account".
        has_pupil = request is not None and hasattr(request, "session") and PUPIL_SESSION_KEY in request.session
        context["nav_pupil"] = current_pupil(request) if has_pupil else None
        return context
    unread = getattr(user, "_unread_notifications", None)
    if unread is None:
        unread = unread_count(user)
    return context | {
        "nav_joined": facts.joined, "nav_staff": facts.staff, "nav_unread": unread,
        "nav_is_validator": facts.can("validator"), "nav_manages_roles": facts.can("manage_roles"),
        "nav_support_staff": facts.can("support_staff"), "nav_dashboard": facts.can("nss_dashboard"),
        "nav_operations": facts.can("operations"),
    }
