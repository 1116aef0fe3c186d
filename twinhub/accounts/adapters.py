"""django-allauth hooks: where a new or returning login lands, which language emails use, and
what they call the platform and where their links point (PLATFORM_NAME and SITE_URL, not the
`sites` table's "example.com" nor whatever host the request came through)."""

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from twinhub.accounts.addresses import email_is_usable, normalize_email
from twinhub.accounts.provisioning import address_add_verified
from twinhub.accounts.selectors import has_profile


def _supported(language: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    language = (language or "").split("-")[0].lower()
    return language if language in codes else ""


@dataclass(frozen=True)
class Platform:
    """What allauth's e-mail templates read as `current_site`."""

    name: str
    domain: str


def platform() -> Platform:
    return Platform(name=settings.PLATFORM_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def site_link(path: str) -> str:
    """An absolute link for an e-mail: the public address the platform is served at."""
    return f"{settings.SITE_URL}{path}"


def _remember_language(user) -> None:
    """A new account keeps the language it was created in: its emails use it later."""
    if not user.language:
        user.language = _supported(translation.get_language())


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # A platform account is not yet an eTwinner: first login goes to "Join eTwinning".
        if request.user.is_authenticated and not has_profile(request.user):
            return reverse("join")
        return reverse("dashboard")

    def get_signup_redirect_url(self, request):
        return self.get_login_redirect_url(request)

    def clean_email(self, email):
        return normalize_email(email)

    def save_user(self, request, user, form, commit=True):
        _remember_language(user)
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        # Write to people in their own language, not in the language of whoever triggered the email.
        user = context.get("user")
        if user is None or not getattr(user, "pk", None):
            from twinhub.accounts.models import User

            user = User.objects.filter(email=normalize_email(email)).only("language").first()
        language = _supported(getattr(user, "language", "")) or translation.get_language()
        # An address added to an existing account ("Claim my old eTwinning data") is not a sign-up:
        # its e-mail says what confirming it does, not that the reader is creating an account.
        added_address = user is not None and email.lower() != (user.email or "").lower()
        context = {**context, "current_site": platform(), "platform_name": settings.PLATFORM_NAME,
                   "site_url": settings.SITE_URL, "added_address": added_address}
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_email_confirmation_url(self, request, emailconfirmation):
        return site_link(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_link(path.replace("UID-KEY", quote(key)))


def _claims(sociallogin) -> dict:
    # allauth keeps OpenID Connect claims as {"userinfo": ..., "id_token": ...}.
    extra = sociallogin.account.extra_data or {}
    return extra.get("userinfo") or extra.get("id_token") or extra


def _normalize_addresses(sociallogin) -> None:
    """The provider's addresses in the one normalisation, before allauth compares or stores them.
    allauth drops an address Django's ASCII-only check refuses (`ayşe@…`): it is taken back from
    the claims when it is usable."""
    for address in sociallogin.email_addresses:
        address.email = normalize_email(address.email)
    claims = _claims(sociallogin)
    email = claims.get("email") if isinstance(claims.get("email"), str) else ""
    if email and email_is_usable(email) and not any(
            a.email == normalize_email(email) for a in sociallogin.email_addresses):
        from allauth.account.models import EmailAddress

        verified = claims.get("email_verified") in (True, "true", "True")
        sociallogin.email_addresses.append(EmailAddress(email=normalize_email(email), verified=verified,
                                                        primary=not sociallogin.email_addresses))
        if sociallogin.user is not None and not getattr(sociallogin.user, "email", ""):
            sociallogin.user.email = normalize_email(email)
    if sociallogin.user is not None and getattr(sociallogin.user, "email", ""):
        sociallogin.user.email = normalize_email(sociallogin.user.email)


def _add_verified_addresses(sociallogin) -> None:
    for address in sociallogin.email_addresses:
        if address.verified and email_is_usable(address.email):
            address_add_verified(user=sociallogin.user, email=address.email)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def authenticate_by_email(self, sociallogin):
        # allauth finds an existing account by a verified address of the provider's here.
        _normalize_addresses(sociallogin)
        return super().authenticate_by_email(sociallogin)

    def pre_social_login(self, request, sociallogin):
        """Every log-in through the provider: a verified address it brings that the account does not
        have yet becomes one of its verified addresses (and attaches the old data it names)."""
        _normalize_addresses(sociallogin)
        if sociallogin.is_existing:
            _add_verified_addresses(sociallogin)
        return super().pre_social_login(request, sociallogin)

    def save_user(self, request, sociallogin, form=None):
        """A new account from the provider. allauth's own check drops addresses with letters such
        as ş; each verified one the provider brings is added here (and attaches its old data)."""
        user = super().save_user(request, sociallogin, form=form)
        _add_verified_addresses(sociallogin)
        return user

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claims = _claims(sociallogin)
        user.first_name = user.first_name or claims.get("given_name", "")
        user.last_name = user.last_name or claims.get("family_name", "")
        _remember_language(user)
        return user
