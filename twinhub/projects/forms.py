from django import forms
from django.utils.translation import gettext_lazy as _

from twinhub.accounts.choices import AGE_RANGES, LANGUAGES, SUBJECTS
from twinhub.core.widgets import checkbox_filters
from twinhub.projects.rules import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, planned_dates_refusal

# A higher app (a kit) may fill the new project form: it puts the fields' values in the session under
# this key and sends the teacher to the form, which shows them once (nothing is created until they submit).
PREFILL_SESSION_KEY = "project_new_prefill"


class ProjectForm(forms.Form):
    """The project's description. Scope and state are never fields: the services decide them."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    description = forms.CharField(label=_("Description"), required=False, max_length=DESCRIPTION_MAX_LENGTH,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=LANGUAGES, required=False)
    subjects = forms.MultipleChoiceField(label=_("Subjects"), choices=SUBJECTS, required=False)
    age_ranges = forms.MultipleChoiceField(label=_("Pupils' age ranges"), choices=AGE_RANGES, required=False)
    planned_start = forms.DateField(label=_("Planned start"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    planned_end = forms.DateField(label=_("Planned end"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checkbox_filters(self)

    def clean(self):
        """The dates are checked by the rule the service enforces, shown next to the field."""
        data = super().clean()
        refusal = planned_dates_refusal(planned_start=data.get("planned_start"), planned_end=data.get("planned_end"))
        if refusal:
            self.add_error("planned_end", refusal.message)
        return data


class ProjectCreateForm(ProjectForm):
    cofounder = forms.TypedChoiceField(label=_("Co-founder (one of your contacts)"), coerce=int)

    def __init__(self, *args, contacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cofounder"].choices = [(c.pk, c.display_name) for c in contacts]
