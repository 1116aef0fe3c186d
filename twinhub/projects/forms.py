from django import forms
from django.utils.translation import gettext_lazy as _

from twinhub.accounts.choices import AGE_RANGES, LANGUAGES, SUBJECTS


class ProjectForm(forms.Form):
    """The project's description. Scope and state are never fields: the services decide them."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=LANGUAGES, required=False)
    subjects = forms.MultipleChoiceField(label=_("Subjects"), choices=SUBJECTS, required=False)
    age_ranges = forms.MultipleChoiceField(label=_("Pupils' age ranges"), choices=AGE_RANGES, required=False)
    planned_start = forms.DateField(label=_("Planned start"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    planned_end = forms.DateField(label=_("Planned end"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end must be after the planned start."))
        return data


class ProjectCreateForm(ProjectForm):
    cofounder = forms.TypedChoiceField(label=_("Co-founder (one of your contacts)"), coerce=int)

    def __init__(self, *args, contacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cofounder"].choices = [(c.pk, c.display_name) for c in contacts]
