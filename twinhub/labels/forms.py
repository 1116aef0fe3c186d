from django import forms
from django.utils.translation import gettext_lazy as _

from twinhub.labels import rules


class ApplicationForm(forms.Form):
    pedagogy = forms.CharField(label=rules.CRITERIA["pedagogy"], widget=forms.Textarea(attrs={"rows": 4}))
    curriculum = forms.CharField(label=rules.CRITERIA["curriculum"], widget=forms.Textarea(attrs={"rows": 4}))
    collaboration = forms.CharField(label=rules.CRITERIA["collaboration"], widget=forms.Textarea(attrs={"rows": 4}))
    technology = forms.CharField(label=rules.CRITERIA["technology"], widget=forms.Textarea(attrs={"rows": 4}))
    results = forms.CharField(label=rules.CRITERIA["results"], widget=forms.Textarea(attrs={"rows": 4}))
    evidence_links = forms.CharField(label=_("Links to evidence (one per line)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))

    def texts(self) -> dict[str, str]:
        return {k: self.cleaned_data[k] for k in rules.CRITERIA}

    def links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["evidence_links"].splitlines() if line.strip()]


class EvaluationForm(forms.Form):
    feedback = forms.CharField(label=_("Feedback to the teacher"), widget=forms.Textarea(attrs={"rows": 4}),
                               required=False)
    decision = forms.ChoiceField(label=_("Decision"), choices=[("award", _("Award the label")),
                                                               ("reject", _("Reject"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in rules.CRITERIA.items():
            self.fields[key] = forms.IntegerField(label=label, min_value=0, max_value=rules.CRITERION_MAX)
        for key, label in rules.SUB_CRITERIA.items():
            self.fields[key] = forms.IntegerField(label=label, min_value=0, max_value=rules.SUB_CRITERION_MAX)

    def scores(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k in (*rules.CRITERIA, *rules.SUB_CRITERIA)}


class AssignForm(forms.Form):
    evaluator = forms.IntegerField(widget=forms.HiddenInput)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class SchoolLabelForm(forms.Form):
    principal_name = forms.CharField(label=_("Principal's name"), max_length=rules.PRINCIPAL_NAME_MAX_LENGTH)
    principal_declaration = forms.CharField(
        label=_("Principal's declaration"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The principal declares that the school supports eTwinning and the application."))


class SchoolLabelDecisionForm(forms.Form):
    application_id = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=[("award", _("Award the School Label")),
                                                               ("reject", _("Reject"))])
    reason = forms.CharField(label=_("Reason (sent to the school; required to reject)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
