from django import forms
from django.utils.translation import gettext_lazy as _

from twinhub.geography.countries import TURKIYE, country_choices, region_choices
from twinhub.schools.models import SchoolType


class SchoolForm(forms.Form):
    """A new school. Near-duplicates are caught by the service, not here."""

    legal_name = forms.CharField(label=_("Legal name"), max_length=255)
    public_name = forms.CharField(label=_("Public name"), max_length=255, required=False,
                                  help_text=_("The name teachers know; leave empty to use the legal name."))
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    region = forms.ChoiceField(label=_("Province (Türkiye)"), required=False,
                               help_text=_("In Türkiye, the province whose coordinators approve memberships."))
    city = forms.CharField(label=_("City"), max_length=120)
    school_type = forms.ChoiceField(label=_("School type"), choices=SchoolType.choices)
    school_number = forms.CharField(label=_("Official school number"), max_length=40, required=False)
    principal_name = forms.CharField(label=_("Principal's name"), max_length=160)
    principal_email = forms.EmailField(label=_("Principal's email"),
                                       help_text=_("The principal receives a link to confirm that you work there."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "—"), *region_choices(TURKIYE)]
