from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from twinhub.geography.countries import country_choices
from twinhub.helpcentre.models import SupportStatus
from twinhub.helpcentre.rules import (
    ARTICLE_TITLE_MAX_LENGTH,
    BODY_MAX_LENGTH,
    SLUG_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
)


class SupportRequestForm(forms.Form):
    subject = forms.CharField(label=pgettext_lazy("message", "Subject"), max_length=SUBJECT_MAX_LENGTH)
    body = forms.CharField(label=_("Your question"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}))
    country = forms.ChoiceField(label=_("Your country"), choices=country_choices, required=False,
                                help_text=_("Its National Support Service answers you."))
    consent = forms.BooleanField(
        label=_("Attach my “Why can't I…?” diagnosis"), required=False, initial=False,
        help_text=_("It shows the support staff your memberships, email addresses and the problems the "
                    "platform found, so they can answer faster."))

    def __init__(self, *args, needs_country: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_country:
            del self.fields["country"]
        else:
            self.fields["country"].required = True


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SupportStatus.choices)


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=ARTICLE_TITLE_MAX_LENGTH)
    slug = forms.SlugField(label=_("Address (slug)"), max_length=SLUG_MAX_LENGTH)
    # The settings' languages, read when a form is made (not when the code loads).
    language = forms.ChoiceField(label=_("Language"), choices=lambda: settings.LANGUAGES)
    country = forms.ChoiceField(label=_("Country"), required=False)
    topic = forms.CharField(label=_("“Why can't I…?” topic"), max_length=TOPIC_MAX_LENGTH, required=False)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args, countries: set[str] | None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c, n) for c, n in country_choices() if countries is None or c in countries]
        if countries is None:
            choices = [("", _("Every country"))] + choices
        self.fields["country"].choices = choices
