"""The allauth account adapter, completed where it needs to know roles (which accounts cannot see):
someone with a staff role lands on their home after logging in, never on "Join eTwinning"."""

from django.urls import reverse

from twinhub.accounts.adapters import AccountAdapter as AccountsAdapter
from twinhub.staff.selectors import staff_roles_of


class AccountAdapter(AccountsAdapter):
    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and (staff_roles_of(user) or user.is_superuser):
            return reverse("dashboard")
        return super().get_login_redirect_url(request)
