"""The operators' page (administrators and CSS): what background work is waiting or has failed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinhub.core.outbox import outbox_email_retry, outbox_summary
from twinhub.core.pages import explains_refusals
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach


def _operator_only(user) -> None:
    if not staff_reach(user, Capability.OPERATE):
        raise Http404


@login_required
@explains_refusals
def operations(request):
    _operator_only(request.user)
    return render(request, "portal/operations.html", {"outbox": outbox_summary()})


@login_required
@require_POST
@explains_refusals
def operations_email_retry(request, email_id: int):
    _operator_only(request.user)
    outbox_email_retry(email_id=email_id)
    messages.success(request, _("The e-mail was queued again."))
    return redirect("operations")
