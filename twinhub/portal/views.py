"""The role homes: where each person lands and sees, across the apps, what concerns them; and the
page frame's own small endpoints (header search, notifications dropdown)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from twinhub.accounts.selectors import has_profile
from twinhub.core.notifications import latest_notifications, notifications_mark_read
from twinhub.core.pages import explains_refusals
from twinhub.helpcentre.dashboard import AGE_BUCKETS, age_bucket_label
from twinhub.helpcentre.services import dashboard_tables_shown
from twinhub.portal.context_processors import nav_facts
from twinhub.projects.selectors import latest_projects_of, pending_invitation_count, recent_joins_of_contacts
from twinhub.schools.selectors import (
    etwinner_refusal_for,
    membership_facts,
    memberships_of,
    validation_queue,
)
from twinhub.staff.selectors import is_validator

NOTIFICATIONS_IN_MENU = 6
SEARCH_TARGETS = {"teachers": "partner_search", "projects": "project_directory", "help": "help_articles"}


HOME_QUEUE = 5


@login_required
@explains_refusals
def dashboard(request):
    """The home of each role: a teacher's projects and TwinSpaces, contacts' news and schools; a
    validator's queue with waiting times; staff's tools. Only someone with neither a profile nor a
    staff role is sent to "Join eTwinning"."""
    user = request.user
    joined = has_profile(user)
    staff = nav_facts(user).staff  # the menu's cached facts: a teacher's page asks no role query
    if not joined and not staff:
        return redirect("join")
    context = {"joined": joined, "staff": staff}
    if joined:
        context |= _teacher_home(user)
    if staff:
        context |= _staff_home(user)
    return render(request, "portal/dashboard.html", context)


def _teacher_home(user) -> dict:
    # membership_facts(user) describes memberships_of(user), one for one and in the same order.
    rows = list(zip(memberships_of(user), membership_facts(user), strict=True))
    projects = latest_projects_of(user)
    return {
        "refusal": etwinner_refusal_for(user), "rows": rows,
        "notifications": latest_notifications(user),
        "projects": projects, "invitations": pending_invitation_count(user),
        "contacts_news": recent_joins_of_contacts(user),
    }


def _staff_home(user) -> dict:
    found = {}
    if is_validator(user):
        queue = validation_queue(user)
        found["queue_total"] = queue.count()
        found["queue_oldest"] = list(queue[:HOME_QUEUE]) if found["queue_total"] else []
    dashboard = dashboard_tables_shown(user=user)
    if dashboard is not None:
        found["waiting"] = dashboard[1]["pending"][:8]
        found["buckets"] = [age_bucket_label(low, high) for low, high in AGE_BUCKETS]
    return found


@explains_refusals
def search(request):
    """The header's search box: eTwinners search teachers first, everyone else projects; the
    results page offers the other places."""
    q = request.GET.get("q", "").strip()[:200]
    where = request.GET.get("in", "")
    if where not in SEARCH_TARGETS:
        joined = request.user.is_authenticated and has_profile(request.user)
        where = "teachers" if joined else "projects"
    if where == "teachers" and not (request.user.is_authenticated and has_profile(request.user)):
        where = "projects"
    return redirect(f"{reverse(SEARCH_TARGETS[where])}?{urlencode({'q': q})}")


@login_required
@explains_refusals
def notifications_menu(request):
    """The header's notifications dropdown (HTMX): the latest few, unread first marked."""
    items = list(request.user.notifications.all()[:NOTIFICATIONS_IN_MENU])
    return render(request, "portal/_notifications_menu.html", {"items": items})


@login_required
@require_POST
@explains_refusals
def notifications_read(request):
    """"Mark all as read" in the dropdown: answers the emptied count for HTMX, or goes back."""
    notifications_mark_read(user=request.user)
    request.user._unread_notifications = 0
    if request.headers.get("HX-Request"):
        items = list(request.user.notifications.all()[:NOTIFICATIONS_IN_MENU])
        return render(request, "portal/_notifications_menu.html", {"items": items, "marked": True})
    return redirect("notifications")
