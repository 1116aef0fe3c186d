"""The role homes: where each person lands and sees, across the apps, what concerns them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from twinhub.accounts.selectors import has_profile
from twinhub.core.pages import explains_refusals
from twinhub.schools.selectors import etwinner_refusal_for, membership_facts, memberships_of


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
