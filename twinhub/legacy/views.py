"""“Claim my old eTwinning data”: add and verify the address you used on the old platform."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from twinhub.core.errors import ApplicationError
from twinhub.legacy import selectors, services


@login_required
def claim(request):
    refusal, sent_to = None, None
    if request.method == "POST":
        try:
            address = services.email_add(user=request.user, email=request.POST.get("email", ""), request=request)
        except ApplicationError as exc:
            refusal = exc.refusal
        else:
            request.session["legacy_claim_sent"] = address.email
            return redirect("legacy_claim")
    sent_to = request.session.pop("legacy_claim_sent", None)
    return render(request, "legacy/claim.html", {
        "refusal": refusal, "sent_to": sent_to, "legacy_ids": selectors.legacy_ids_for(request.user),
        "migration": selectors.migration_status(), "title": _("Claim my old eTwinning data")},
        status=refusal.status if refusal else 200)
