from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twinhub.accounts.choices import AGE_RANGES, LANGUAGES, SUBJECTS
from twinhub.core.widgets import checkbox_filters
from twinhub.events import rules
from twinhub.events.models import Audience, EventKind
from twinhub.geography.countries import country_choices


def _local(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    """A datetime-local input is the viewer's wall-clock time: read it in their zone."""
    if value is None:
        return None
    return timezone.make_aware(value.replace(tzinfo=None), zone)


LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"  # what a datetime-local input shows and sends


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *EventKind.choices])
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[("", _("Any language")), *LANGUAGES])
    audience = forms.ChoiceField(label=_("Audience"), required=False,
                                 choices=[("", _("Any audience")), *Audience.choices])
    country = forms.ChoiceField(label=_("Country"), required=False)
    when = forms.ChoiceField(label=_("When"), required=False,
                             choices=[("upcoming", _("Upcoming")), ("past", _("Past, with materials"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *country_choices()]


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=rules.TITLE_MAX_LENGTH)
    description = forms.CharField(label=_("Description"), required=False, max_length=10000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    starts_at = forms.DateTimeField(label=_("Starts (your time)"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format=LOCAL_INPUT_FORMAT))
    ends_at = forms.DateTimeField(label=_("Ends (your time)"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format=LOCAL_INPUT_FORMAT))
    link = forms.URLField(label=_("Link to the session (online seminar)"), required=False, max_length=200,
                          assume_scheme="https")
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=rules.MAX_CAPACITY, initial=50)
    organiser = forms.ChoiceField(label=_("For"))
    event_kind = ""  # an edited event's kind (the field is not shown then)

    def __init__(self, *args, countries=(), everywhere=False, projects=(), zone: ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        names = dict(country_choices())
        choices = [("europe", _("Everyone in Europe (CSS)"))] if everywhere else []
        choices += [(f"country:{code}", _("Teachers in %(country)s") % {"country": names.get(code, code)})
                    for code in (names if everywhere else countries)]
        choices += [(f"project:{p.pk}", _("The project “%(title)s”") % {"title": p.title}) for p in projects]
        self.fields["organiser"].choices = choices

    def clean(self):
        data = super().clean()
        data["starts_at"] = _local(data.get("starts_at"), self.zone)
        data["ends_at"] = _local(data.get("ends_at"), self.zone)
        if data.get("starts_at") and data.get("ends_at"):
            refusal = rules.event_values_refusal(
                kind=data.get("kind") or self.event_kind, title=data.get("title", ""), language=data.get("language", ""),
                audience=data.get("audience", ""), country="", starts_at=data["starts_at"], ends_at=data["ends_at"],
                link=data.get("link") or "", capacity=data.get("capacity"))
            if refusal:
                self.add_error(refusal.params.get("field") if refusal.params.get("field") in self.fields else None,
                               refusal.message)
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        target = data.pop("organiser")
        data["link"] = data.get("link") or ""
        if target.startswith("project:"):
            data["project_id"] = int(target.split(":", 1)[1])
        elif target.startswith("country:"):
            data["country"] = target.split(":", 1)[1]
        return data


class EventEditForm(EventForm):
    """An event's details as the organiser may change them: not its kind, nor for whom it is."""

    EDITABLE = ("title", "description", "language", "audience", "starts_at", "ends_at", "link", "capacity")

    def __init__(self, *args, event, zone: ZoneInfo, **kwargs):
        initial = {field: getattr(event, field) for field in self.EDITABLE}
        initial["starts_at"] = event.starts_at.astimezone(zone).replace(tzinfo=None)
        initial["ends_at"] = event.ends_at.astimezone(zone).replace(tzinfo=None)
        super().__init__(*args, zone=zone, initial=initial, **kwargs)
        self.event_kind = event.kind
        for field in ("kind", "organiser"):
            del self.fields[field]
        if event.kind != EventKind.SEMINAR:
            del self.fields["link"]

    def service_arguments(self) -> dict:
        data = {field: self.cleaned_data.get(field) for field in self.EDITABLE}
        data["link"] = data["link"] or ""
        data["description"] = data["description"] or ""
        return data


class GalleryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    subject = forms.ChoiceField(label=_("Subject"), required=False)
    age_range = forms.ChoiceField(label=_("Pupils' ages"), required=False)
    label = forms.ChoiceField(label=_("Label"), required=False,
                              choices=[("", _("Any label")), ("nql", _("National Quality Label")),
                                       ("eql", _("European Quality Label"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *country_choices()]
        self.fields["subject"].choices = [("", _("Any subject")), *SUBJECTS]
        self.fields["age_range"].choices = [("", _("Any age")), *AGE_RANGES]


class KitForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=rules.TITLE_MAX_LENGTH)
    title_tr = forms.CharField(label=_("Title (Turkish)"), max_length=rules.TITLE_MAX_LENGTH)
    aims_en = forms.CharField(label=_("Aims (English)"), widget=forms.Textarea(attrs={"rows": 3}))
    aims_tr = forms.CharField(label=_("Aims (Turkish)"), widget=forms.Textarea(attrs={"rows": 3}))
    weeks_en = forms.CharField(label=_("Activities, one line per week (English)"),
                               widget=forms.Textarea(attrs={"rows": 6}))
    weeks_tr = forms.CharField(label=_("Activities, one line per week (Turkish)"),
                               widget=forms.Textarea(attrs={"rows": 6}))
    tools_en = forms.CharField(label=_("Tools (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    tools_tr = forms.CharField(label=_("Tools (Turkish)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    subjects = forms.MultipleChoiceField(label=_("Subjects"), choices=SUBJECTS, required=False)
    age_ranges = forms.MultipleChoiceField(label=_("Pupils' age ranges"), choices=AGE_RANGES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checkbox_filters(self)

    def clean(self):
        data = super().clean()
        en = [line for line in data.get("weeks_en", "").splitlines() if line.strip()]
        tr = [line for line in data.get("weeks_tr", "").splitlines() if line.strip()]
        if len(en) != len(tr):
            self.add_error("weeks_tr", _("Give as many weeks in Turkish as in English."))
        data["weeks"] = list(zip(en, tr, strict=False))
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("weeks_en", None)
        data.pop("weeks_tr", None)
        return data
