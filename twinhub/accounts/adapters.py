"""django-allauth hooks: where a new or returning login lands."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.urls import reverse

from twinhub.schools.selectors import has_profile


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # A platform account is not yet an eTwinner: first login goes to "Join eTwinning".
        if request.user.is_authenticated and not has_profile(request.user):
            return reverse("join")
        return reverse("dashboard")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claims = sociallogin.account.extra_data or {}
        user.first_name = user.first_name or claims.get("given_name", "")
        user.last_name = user.last_name or claims.get("family_name", "")
        return user
