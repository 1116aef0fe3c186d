from datetime import datetime

from ninja import Router, Schema

from twinhub.accounts import services
from twinhub.schools.selectors import has_profile, is_etwinner, memberships_of

router = Router(tags=["me"])


class MembershipOut(Schema):
    id: int
    school_id: int
    school_name: str
    status: str
    requested_at: datetime
    decided_at: datetime | None
    reason: str


class MeOut(Schema):
    id: int
    email: str
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
    memberships: list[MembershipOut]


class MePatch(Schema):
    first_name: str | None = None
    last_name: str | None = None
    language: str | None = None
    subjects: list[str] | None = None
    languages: list[str] | None = None
    age_ranges: list[str] | None = None
    bio: str | None = None
    available_for_projects: bool | None = None


def me_payload(user) -> dict:
    profile = user.profile if has_profile(user) else None
    return {
        "id": user.pk, "email": user.email, "first_name": user.first_name, "last_name": user.last_name,
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
    }


@router.get("/me", response=MeOut, summary="Your account and eTwinning profile")
def me_get(request):
    return me_payload(request.auth)


@router.patch("/me", response=MeOut, summary="Change your profile")
def me_patch(request, payload: MePatch):
    from django.utils.translation import gettext as _

    from twinhub.core.errors import refuse

    user = request.auth
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    profile_changes = {k: v for k, v in changes.items() if k not in ("first_name", "last_name", "language")}
    if profile_changes and not has_profile(user):
        raise refuse("not_joined", _("Join eTwinning first."), status=409)
    if has_profile(user):
        services.profile_update(user=user, **changes)
    else:
        for name, value in changes.items():
            setattr(user, name, value)
        user.save()
    return me_payload(user)
