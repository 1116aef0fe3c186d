"""Writes about accounts: the eTwinning profile, API tokens."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from twinhub.accounts.codes import AccountAudit, CredentialChange
from twinhub.accounts.models import ApiToken, Profile, User
from twinhub.accounts.rules import (
    PHOTO_SIZE,
    already_joined_refusal,
    not_joined_refusal,
    photo_refusal,
    profile_values_refusal,
    token_name_refusal,
    token_scopes_refusal,
)
from twinhub.accounts.selectors import has_profile
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, Refusal, not_found
from twinhub.core.images import NotAnImage, fitted_jpeg, image_size
from twinhub.core.notifications import send_templated_email

PROFILE_FIELDS = ("role", "country", "subjects", "languages", "age_ranges", "bio", "available_for_projects")


def _values_refusal(**values) -> Refusal | None:
    values.pop("available_for_projects", None)
    return profile_values_refusal(site_languages={code for code, _name in settings.LANGUAGES}, **values)


def _check(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ApplicationError(refusal)


@transaction.atomic
def profile_create(*, user: User, first_name: str = "", last_name: str = "", **profile: object) -> Profile:
    """The eTwinning profile of an account that has none yet (the first half of "Join eTwinning";
    `schools.services.etwinning_join` is the whole)."""
    _check(already_joined_refusal(has_profile=has_profile(user)))
    _check(_values_refusal(first_name=first_name or None, last_name=last_name or None,
                           **{"country": "", **{k: v for k, v in profile.items() if k in PROFILE_FIELDS}}))
    if first_name or last_name:
        user.first_name, user.last_name = first_name.strip(), last_name.strip()
        user.save(update_fields=["first_name", "last_name"])
    created = Profile.objects.create(user=user, **{k: v for k, v in profile.items() if k in PROFILE_FIELDS})
    audit_record(actor=user, action=AccountAudit.JOINED, obj=created, country=created.country)
    return created


ACCOUNT_FIELDS = ("first_name", "last_name", "language")


@transaction.atomic
def profile_update(*, user: User, **changes: object) -> Profile | None:
    """Change the account's name and language and, once joined, the eTwinning profile."""
    profile_changes = {k: v for k, v in changes.items() if k in PROFILE_FIELDS and k != "country"}
    joined = has_profile(user)
    if profile_changes:
        _check(not_joined_refusal(has_profile=joined))
    _check(_values_refusal(**{k: v for k, v in changes.items() if k in ACCOUNT_FIELDS or k in profile_changes}))
    account_fields = [name for name in ACCOUNT_FIELDS if name in changes]
    for name in account_fields:
        setattr(user, name, changes[name].strip() if name != "language" else changes[name])
    if account_fields:
        user.save(update_fields=account_fields)
    if not joined:
        return None
    # The country of a profile follows the schools; it is set once at joining.
    profile = user.profile
    for name, value in profile_changes.items():
        setattr(profile, name, value)
    if profile_changes:
        profile.save(update_fields=list(profile_changes))
    if "available_for_projects" in profile_changes:
        audit_record(actor=user, action=AccountAudit.AVAILABILITY_CHANGED, obj=profile,
                     available=profile.available_for_projects)
    return profile


@transaction.atomic
def api_token_create(*, user: User, name: str, scopes: list[str],
                     expires_in_days: int | None = None) -> tuple[ApiToken, str]:
    """A personal token with the scopes chosen (read, write, staff) and, unless None, an expiry."""
    _check(token_name_refusal(name=name))
    _check(token_scopes_refusal(scopes=scopes, lifetime_days=expires_in_days))
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    token, raw = ApiToken.issue(user=user, name=name.strip() or "API", scopes=sorted(set(scopes)),
                                expires_at=expires_at)
    audit_record(actor=user, action=AccountAudit.TOKEN_CREATED, obj=token, name=token.name,
                 scopes=token.scopes, expires_at=expires_at.isoformat() if expires_at else None)
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    token = ApiToken.objects.active().filter(user=user, pk=token_id).first()
    if token is None:  # someone else's or already revoked: not found, whoever asks
        raise not_found()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=user, action=AccountAudit.TOKEN_REVOKED, obj=token)


@transaction.atomic
def credentials_changed(*, user: User, change: CredentialChange, request: HttpRequest | None = None) -> int:
    """After a password change or reset, or an address removed: every API token is revoked and every
    other session ends (the request's own, if it is the user's, stays), and the owner is told.
    Returns the number of tokens revoked."""
    revoked = ApiToken.objects.active().filter(user=user).update(revoked_at=timezone.now())
    user.session_stamp = secrets.token_hex(16)
    user.save(update_fields=["session_stamp"])
    if request is not None and getattr(request, "user", None) is not None and request.user.pk == user.pk \
            and request.user.is_authenticated:
        update_session_auth_hash(request, user)
    audit_record(actor=user, action=AccountAudit.CREDENTIALS_CHANGED, obj=user, change=str(change),
                 tokens_revoked=revoked)
    transaction.on_commit(lambda: send_templated_email(
        user=user, template="accounts/email/credentials_changed",
        context={"change": str(change), "tokens_revoked": revoked}))
    return revoked


def _square_jpeg(upload: UploadedFile) -> bytes:
    """The photo, upright, cropped to its centre square, PHOTO_SIZE wide; refuses what `photo_refusal` refuses."""
    try:
        width, height = image_size(upload)
    except NotAnImage:
        width = height = None
    _check(photo_refusal(size=upload.size or 0, width=width, height=height))
    try:
        return fitted_jpeg(upload, width=PHOTO_SIZE, height=PHOTO_SIZE)
    except NotAnImage:
        _check(photo_refusal(size=upload.size or 0, width=None, height=None))
        raise


@transaction.atomic
def profile_photo_set(*, user: User, upload: UploadedFile) -> None:
    """Store a new profile photo (square, small); the old one's file is removed after the commit."""
    data = _square_jpeg(upload)
    old = user.photo.name if user.photo else ""
    user.photo.save("photo.jpg", ContentFile(data), save=False)
    user.save(update_fields=["photo"])
    if old:
        storage = user.photo.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def profile_photo_remove(*, user: User) -> None:
    """Back to the initials."""
    if not user.photo:
        return
    old, storage = user.photo.name, user.photo.storage
    user.photo = ""
    user.save(update_fields=["photo"])
    transaction.on_commit(lambda: storage.delete(old))
