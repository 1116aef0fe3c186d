"""The role homes: where each person lands and sees, across the apps, what concerns them; and the
page frame's own small endpoints (header search, notifications dropdown)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from twinhub.accounts.selectors import has_profile
from twinhub.core.pages import explains_refusals
from twinhub.schools.selectors import etwinner_refusal_for, membership_facts, memberships_of

NOTIFICATIONS_IN_MENU = 6
SEARCH_TARGETS = {"teachers": "partner_search", "projects": "project_directory", "help": "help_articles"}


@login_required
@explains_refusals
def dashboard(request):
    user = request.user
    if not has_profile(user):
        return redirect("join")
    # membership_facts(user) describes memberships_of(user), one for one and in the same order.
    rows = list(zip(memberships_of(user), membership_facts(user), strict=True))
    notifications = list(user.notifications.all()[:5])
    return render(request, "portal/dashboard.html", {
        "refusal": etwinner_refusal_for(user), "rows": rows, "notifications": notifications,
    })


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
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    request.user._unread_notifications = 0
    if request.headers.get("HX-Request"):
        items = list(request.user.notifications.all()[:NOTIFICATIONS_IN_MENU])
        return render(request, "portal/_notifications_menu.html", {"items": items, "marked": True})
    return redirect("notifications")
