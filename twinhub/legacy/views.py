"""“Claim my old eTwinning data”: add and verify the address you used on the old platform."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from twinhub.core.errors import ApplicationError
from twinhub.core.pages import explains_refusals, show_refusal
from twinhub.legacy import selectors, services


@login_required
@explains_refusals
def claim(request):
    status = 200
    if request.method == "POST":
        try:
            address = services.email_add(user=request.user, email=request.POST.get("email", ""), request=request)
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            request.session["legacy_claim_sent"] = address.email
            return redirect("legacy_claim")
    sent_to = request.session.pop("legacy_claim_sent", None)
    return render(request, "legacy/claim.html", {
        "sent_to": sent_to, "legacy_ids": selectors.legacy_ids_for(request.user),
        "migration": selectors.migration_status(), "title": _("Claim my old eTwinning data")},
        status=status)
