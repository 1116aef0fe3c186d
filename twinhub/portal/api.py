"""`/me`: your account as a whole, from every app that knows something of it (profile, schools, the
old platform). It spans the apps, so it lives above them."""

from datetime import datetime
from typing import Literal

from ninja import Field, Router, Schema
from pydantic import ConfigDict

from twinhub.accounts import services
from twinhub.accounts.rules import BIO_MAX_LENGTH, NAME_MAX_LENGTH
from twinhub.accounts.selectors import email_addresses_of, has_profile
from twinhub.legacy.selectors import legacy_ids_for, migration_status
from twinhub.schools.selectors import is_etwinner, memberships_of

router = Router(tags=["me"])


class MyMembershipOut(Schema):
    id: int
    school_id: int
    school_name: str
    status: str
    requested_at: datetime
    decided_at: datetime | None
    reason: str


class EmailOut(Schema):
    email: str
    verified: bool
    primary: bool


class MigrationPhaseOut(Schema):
    phase: str
    state: str
    started_at: datetime | None
    finished_at: datetime | None


class MeOut(Schema):
    id: int
    email: str
    emails: list[EmailOut]
    first_name: str
    last_name: str
    language: str
    joined_etwinning: bool
    is_etwinner: bool
    country: str | None
    role: str | None
    subjects: list[str]
    languages: list[str]
    age_ranges: list[str]
    bio: str
    available_for_projects: bool
    memberships: list[MyMembershipOut]
    legacy_ids: list[str]
    migration: list[MigrationPhaseOut]


class MePatch(Schema):
    """Only the fields sent change. The country is not here: it follows the schools."""

    model_config = ConfigDict(extra="forbid")

    first_name: str | None = Field(None, min_length=1, max_length=NAME_MAX_LENGTH)
    last_name: str | None = Field(None, min_length=1, max_length=NAME_MAX_LENGTH)
    language: Literal["en", "tr"] | None = None
    subjects: list[str] | None = None
    languages: list[str] | None = None
    age_ranges: list[str] | None = None
    bio: str | None = Field(None, max_length=BIO_MAX_LENGTH)
    available_for_projects: bool | None = None


def me_payload(user) -> dict:
    profile = user.profile if has_profile(user) else None
    return {
        "id": user.pk, "email": user.email,
        # Several addresses may be attached; only verified ones count (see accounts.selectors).
        "emails": [{"email": a.email, "verified": a.verified, "primary": a.primary}
                   for a in email_addresses_of(user)],
        "first_name": user.first_name, "last_name": user.last_name,
        "language": user.language, "joined_etwinning": profile is not None, "is_etwinner": is_etwinner(user),
        "country": profile.country if profile else None, "role": profile.role if profile else None,
        "subjects": profile.subjects if profile else [], "languages": profile.languages if profile else [],
        "age_ranges": profile.age_ranges if profile else [], "bio": profile.bio if profile else "",
        "available_for_projects": bool(profile and profile.available_for_projects),
        "memberships": [
            {"id": m.pk, "school_id": m.school_id, "school_name": m.school.public_name, "status": m.status,
             "requested_at": m.requested_at, "decided_at": m.decided_at, "reason": m.reason}
            for m in memberships_of(user)
        ],
        # The old platform's user ids attached to this account, and where the move stands (legacy app).
        "legacy_ids": legacy_ids_for(user),
        "migration": migration_status(),
    }


@router.get("/me", response=MeOut, summary="Your account and eTwinning profile")
def me_get(request):
    return me_payload(request.auth)


@router.patch("/me", response=MeOut, summary="Change your profile")
def me_patch(request, payload: MePatch):
    user = request.auth
    services.profile_update(user=user, **payload.dict(exclude_unset=True, exclude_none=True))
    return me_payload(user)
