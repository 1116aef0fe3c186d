"""What the TwinSpace shows on project pages (twinhub.core.slots): the TwinSpace tab of the project
header and the TwinSpace link beside each of one's projects — for whoever may open it, with the
number of threads that have new posts."""

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.translation import gettext, ngettext

from twinhub.core.slots import slot_fill
from twinhub.core.templatetags.ui import icon
from twinhub.projects.slots import PROJECT_LINKS, PROJECT_TABS
from twinhub.twinspace import permissions as perms
from twinhub.twinspace import selectors


def _mine(context) -> tuple[dict[int, str], dict[int, int]]:
    """The viewer's TwinSpace roles and unread counts, read once per request (one query, whatever
    the number of projects on the page)."""
    request = context["request"]
    found = getattr(request, "_twinspace_mine", None)
    if found is None:
        found = request._twinspace_mine = selectors.twinspace_roles_and_unread(request.user)
    return found


def _link(context, project, active: str = "") -> dict | None:
    if active == "twinspace":  # on the TwinSpace's own pages: the page already checked who may see it
        return {"project": project, "active": active}
    roles, unread = _mine(context)
    role = roles.get(project.pk, perms.PUBLIC)
    if perms.twinspace_permission(role, perms.VIEW_PUBLIC, project.state) is not None:
        return None
    return {"project": project, "active": active, "unread": unread.get(project.pk)}


def _link_html(found: dict) -> str:
    """The TwinSpace link beside a project in a list, one per row: built here, not by a template."""
    project, unread = found["project"], found.get("unread")
    label = gettext("TwinSpace of “%(title)s”") % {"title": conditional_escape(project.title)}
    count = ""
    if unread:
        title = ngettext("%(n)s thread with new posts", "%(n)s threads with new posts", unread) % {"n": unread}
        count = f' <span class="count" title="{title}">{unread}</span>'
    return (f'<a class="twinspace-link" href="{reverse("twinspace_home", args=[project.pk])}" aria-label="{label}">'
            f'{icon("users-round")}TwinSpace{count}</a>')


def fill_slots() -> None:
    slot_fill(PROJECT_TABS, template_name="twinspace/_tab.html", values=_link)
    slot_fill(PROJECT_LINKS, html=_link_html, values=_link)
