from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from twinhub.core.errors import ApplicationError
from twinhub.core.pages import explains_refusals, show_refusal
from twinhub.core.replica import reads_from_replica
from twinhub.geography.countries import COUNTRIES, TURKIYE, country_choices, provinces_by_name, region_choices
from twinhub.staff import services
from twinhub.staff.roles import RoleKind
from twinhub.staff.rules import PHONE_MAX_LENGTH, Capability
from twinhub.staff.selectors import directory, roles_managed_by, staff_reach


class RoleForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Account email"))
    kind = forms.ChoiceField(label=gettext_lazy("Role"), choices=[c for c in RoleKind.choices if c[0] != "admin"])
    country = forms.ChoiceField(label=gettext_lazy("Country"), choices=country_choices, required=False)
    region = forms.ChoiceField(label=gettext_lazy("Province (coordinators)"), required=False)
    public_email = forms.EmailField(label=gettext_lazy("Public contact email"), required=False)
    public_phone = forms.CharField(label=gettext_lazy("Public phone"), max_length=PHONE_MAX_LENGTH, required=False)
    listed = forms.BooleanField(label=gettext_lazy("Listed in the public directory"), required=False, initial=True)

    def __init__(self, *args, countries: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [(c, n) for c, n in country_choices() if c in countries]
        self.fields["region"].choices = [("", "—"), *region_choices(TURKIYE)]


@login_required
@explains_refusals
def roles(request):
    countries = staff_reach(request.user, Capability.MANAGE_ROLES).countries
    if not countries:
        raise Http404
    form = RoleForm(request.POST or None, countries=countries)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_role_grant(manager=request.user, **form.cleaned_data)
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, _("The role was granted."))
            return redirect("staff_roles")
    return render(request, "staff/roles.html", {"form": form, "rows": roles_managed_by(request.user)},
                  status=status)


@login_required
@require_POST
@explains_refusals
def role_revoke(request, role_id: int):
    services.staff_role_revoke(manager=request.user, role_id=role_id)
    messages.success(request, _("The role was removed."))
    return redirect("staff_roles")


@explains_refusals
@reads_from_replica
def coordinators(request):
    """Public: each province's coordinators and each country's NSS contacts."""
    data = directory()
    country = request.GET.get("country", "")
    provinces = [(code, name, data["provinces"].get(code, [])) for code, name in provinces_by_name()]
    nss = [(code, name, data["nss"].get(code, [])) for code, name in country_choices()
           if not country or code == country]
    return render(request, "staff/coordinators.html", {
        "provinces": provinces if country in ("", TURKIYE) else [], "nss": nss,
        "country": country, "countries": country_choices(), "country_count": len(COUNTRIES),
    })
