"""Accounts made by an operator (not by signing up), with their email verified: used by
`twinhub create-account`, the demo and tests."""

from allauth.account.models import EmailAddress

from twinhub.accounts.addresses import normalize_email
from twinhub.accounts.models import User


def verified_user(*, email: str, password: str | None, first_name: str = "", last_name: str = "",
                  password_hash: str = "") -> User:
    """Create or update an account whose email is verified (as after clicking the link).
    Saving the verified address attaches the old-platform data it names (decision 0025)."""
    email = normalize_email(email)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None if password_hash else password)
    elif password and not password_hash:
        user.set_password(password)
    if password_hash:
        user.password = password_hash  # hashed once by the caller: hashing is slow on purpose
    if first_name or last_name:
        user.first_name, user.last_name = first_name, last_name
    user.save()
    address_mark_verified(user=user, email=email)
    return user


def address_mark_verified(*, user: User, email: str) -> EmailAddress | None:
    """The address becomes the verified primary address of the account: what an operator or an
    administrator vouches for. Saved one by one: its post_save is how old data attaches. None when
    another account has verified it already (it stays theirs)."""
    email = normalize_email(email)
    if EmailAddress.objects.filter(email=email, verified=True).exclude(user=user).exists():
        return None
    EmailAddress.objects.filter(user=user, primary=True).exclude(email=email).update(primary=False)
    address = EmailAddress.objects.filter(user=user, email=email).first() or EmailAddress(user=user, email=email)
    address.verified, address.primary = True, True
    address.save()
    return address


def address_add_verified(*, user: User, email: str) -> EmailAddress | None:
    """A new address an identity provider says is verified joins the account's verified addresses
    (not primary). None when another account has verified it already: it stays theirs."""
    email = normalize_email(email)
    existing = EmailAddress.objects.filter(email=email, verified=True).first()
    if existing is not None:
        return existing if existing.user_id == user.pk else None
    address = EmailAddress.objects.filter(user=user, email=email).first() or EmailAddress(user=user, email=email)
    address.verified = True
    address.primary = address.primary or not EmailAddress.objects.filter(user=user, primary=True).exists()
    address.save()
    return address
