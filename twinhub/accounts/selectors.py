"""Reads about accounts.

Email addresses: an account may hold several (allauth's /accounts/email/ page), but only
verified ones count. That is enforced in three places: allauth refuses to log in with an
unverified address (ACCOUNT_EMAIL_VERIFICATION = "mandatory"), EU Login connects an existing
account only through a verified address (SOCIALACCOUNT_EMAIL_AUTHENTICATION), and the old
platform's data follows verified addresses only (`twinhub.legacy`). `verified_emails` is the read."""

from allauth.account.models import EmailAddress

from twinhub.accounts.models import ApiToken, Profile


def verified_emails(user) -> list[str]:
    return list(EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "email")
                .values_list("email", flat=True))


def email_addresses_of(user) -> list[EmailAddress]:
    return list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))


def tokens_of(user):
    """Only the user's own tokens: nobody lists or revokes someone else's."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def has_profile(user) -> bool:
    """Has the account joined eTwinning (filled in its profile)?"""
    try:
        return user.profile is not None
    except Profile.DoesNotExist:
        return False
