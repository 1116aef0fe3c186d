"""Accounts made by an operator (not by signing up), with their email verified: used by
`twinhub create-account`, the demo and tests."""

from allauth.account.models import EmailAddress

from twinhub.accounts.models import User


def verified_user(*, email: str, password: str | None, first_name: str = "", last_name: str = "",
                  password_hash: str = "") -> User:
    """Create or update an account whose email is verified (as after clicking the link)."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None if password_hash else password)
    elif password and not password_hash:
        user.set_password(password)
    if password_hash:
        user.password = password_hash  # hashed once by the caller: hashing is slow on purpose
    if first_name or last_name:
        user.first_name, user.last_name = first_name, last_name
    user.save()
    EmailAddress.objects.update_or_create(user=user, email__iexact=email,
                                          defaults={"email": email, "verified": True, "primary": True})
    return user
