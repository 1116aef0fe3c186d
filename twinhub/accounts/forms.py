from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from twinhub.accounts.addresses import email_is_usable, normalize_email
from twinhub.accounts.choices import AGE_RANGES, LANGUAGES, SUBJECTS, SchoolRole, TokenScope
from twinhub.accounts.rules import (
    BIO_MAX_LENGTH,
    NAME_MAX_LENGTH,
    TOKEN_LIFETIMES_DAYS,
    TOKEN_NAME_MAX_LENGTH,
)
from twinhub.core.widgets import checkbox_filters
from twinhub.geography.countries import country_choices

AVAILABLE_HELP = _(
    "Switch this on to appear in partner searches and in your contacts' invitation lists. "
    "While it is off, nobody can invite you to a project.")


class ProfileFieldsForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=NAME_MAX_LENGTH)
    last_name = forms.CharField(label=_("Last name"), max_length=NAME_MAX_LENGTH)
    role = forms.ChoiceField(label=_("Role at school"), choices=SchoolRole.choices)
    subjects = forms.MultipleChoiceField(label=_("Subjects"), choices=SUBJECTS, required=False)
    languages = forms.MultipleChoiceField(label=_("Languages you teach or speak"), choices=LANGUAGES, required=False)
    age_ranges = forms.MultipleChoiceField(label=_("Pupils' age ranges"), choices=AGE_RANGES, required=False)
    bio = forms.CharField(label=_("Short bio"), max_length=BIO_MAX_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    available_for_projects = forms.BooleanField(
        label=_("Available for eTwinning projects"), required=False, help_text=AVAILABLE_HELP,
        widget=forms.CheckboxInput(attrs={"role": "switch", "aria-describedby": "available-help"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checkbox_filters(self)


class JoinForm(ProfileFieldsForm):
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    # Filled by the school picker's radio buttons (search results), not shown as a field.
    school_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_order = ["first_name", "last_name", "role", "country"]


class ProfileForm(ProfileFieldsForm):
    # The settings' languages, read when a form is made (not when the code loads).
    language = forms.ChoiceField(label=_("Language of emails and notifications"), choices=lambda: settings.LANGUAGES)
    field_order = ["first_name", "last_name", "language", "role"]


class AccountForm(forms.Form):
    """The account's own settings, for someone without an eTwinning profile (staff, newcomers)."""

    first_name = forms.CharField(label=_("First name"), max_length=NAME_MAX_LENGTH)
    last_name = forms.CharField(label=_("Last name"), max_length=NAME_MAX_LENGTH)
    language = forms.ChoiceField(label=_("Language of emails and notifications"), choices=lambda: settings.LANGUAGES)


def _lifetime_choices() -> list[tuple[int, str]]:
    # A callable: the labels are translated when the form is shown, in the reader's language.
    return [(days, ngettext("%(count)d day", "%(count)d days", days) % {"count": days})
            for days in TOKEN_LIFETIMES_DAYS]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=TOKEN_NAME_MAX_LENGTH,
                           help_text=_("What the token is for, e.g. “school timetable script”."))
    scopes = forms.MultipleChoiceField(label=_("What it may do"), choices=TokenScope.choices,
                                       initial=[TokenScope.READ], widget=forms.CheckboxSelectMultiple)
    expires_in_days = forms.TypedChoiceField(label=_("Valid for"), coerce=int, initial=90,
                                             choices=_lifetime_choices)


class AddressField(forms.CharField):
    """An e-mail address as people type it: any case, surrounding spaces, Turkish letters (RFC 6531;
    Django's and the browser's e-mail checks accept ASCII only). Cleaned to the one normalisation
    (decision 0025)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("E-mail address"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email",
                                                            "autocapitalize": "none", "spellcheck": "false"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and not email_is_usable(value):
            raise forms.ValidationError(_("Enter a valid e-mail address."), code="invalid")
        return normalize_email(value) if value else value


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"] = AddressField(widget=forms.TextInput(attrs={
            "inputmode": "email", "autocomplete": "email", "autocapitalize": "none", "autofocus": True}))

    def clean_login(self):
        return normalize_email(self.cleaned_data["login"])


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = AddressField()


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = AddressField()
