from datetime import datetime

from ninja import Field, Query, Router, Schema, Status

from twinhub.core.errors import ApplicationError
from twinhub.core.values import MAX_OFFSET
from twinhub.schools import selectors, services
from twinhub.schools.models import Membership
from twinhub.schools.rules import queue_refusal
from twinhub.staff.selectors import is_validator

router = Router(tags=["schools"])


class SchoolOut(Schema):
    id: int
    legal_name: str
    public_name: str
    country: str
    region: str
    city: str
    school_type: str
    school_number: str


class SchoolIn(Schema):
    legal_name: str = Field(..., min_length=2, max_length=255)
    public_name: str = Field("", max_length=255)
    country: str = Field(..., min_length=2, max_length=2)
    region: str = Field("", max_length=80)
    city: str = Field(..., min_length=1, max_length=120)
    school_type: str
    school_number: str = Field("", max_length=40)
    principal_name: str = Field(..., min_length=2, max_length=160)
    # Checked by `school_values_refusal` (email-validator), which says what is wrong.
    principal_email: str = Field(..., max_length=254)


class SchoolFilter(Schema):
    q: str = ""
    country: str = ""
    region: str = ""
    limit: int = Field(20, ge=1, le=100)


class MembershipIn(Schema):
    school_id: int


class MembershipOut(Schema):
    id: int
    user_id: int
    teacher_name: str
    teacher_email: str
    school_id: int
    school_name: str
    country: str
    region: str
    status: str
    requested_at: datetime
    decided_at: datetime | None
    reason: str
    principal_answer: str


class QueueFilter(Schema):
    status: str = "pending"
    country: str = ""
    region: str = ""
    school_id: int | None = None
    min_age_days: int | None = Field(None, ge=0, le=36_500)
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class RejectIn(Schema):
    # No minimum here: an empty reason is refused by `reject_reason_refusal`, with its message.
    reason: str = Field("", max_length=2000)


class ExistingSchoolOut(Schema):
    id: int
    public_name: str
    city: str
    region: str
    school_number: str


class SchoolExistsOut(Schema):
    code: str
    message: str
    school_ids: list[int]
    schools: list[ExistingSchoolOut]


def membership_out(m: Membership) -> dict:
    return {
        "id": m.pk, "user_id": m.user_id, "teacher_name": m.user.display_name, "teacher_email": m.user.email,
        "school_id": m.school_id, "school_name": m.school.public_name, "country": m.school.country,
        "region": m.school.region, "status": m.status, "requested_at": m.requested_at,
        "decided_at": m.decided_at, "reason": m.reason, "principal_answer": m.principal_answer,
    }


@router.get("/schools", response=list[SchoolOut], summary="Find schools")
def schools_list(request, filters: Query[SchoolFilter]):
    return list(selectors.schools_search(**filters.dict()))


@router.post("/schools", response={201: SchoolOut, 409: SchoolExistsOut},
             summary="Create a school (a near-duplicate answers 409 `school_exists` with the existing ids)")
def schools_create(request, payload: SchoolIn):
    try:
        return Status(201, services.school_create(user=request.auth, **payload.dict()))
    except services.NearDuplicateSchool as error:
        return Status(409, {**error.refusal.as_dict(), "school_ids": [s.pk for s in error.existing],
                     "schools": error.existing})


@router.post("/memberships", response={201: MembershipOut}, summary="Add a school to your profile (pending)")
def memberships_create(request, payload: MembershipIn):
    school = selectors.school_get(payload.school_id)
    return Status(201, membership_out(services.membership_request(user=request.auth, school=school)))


@router.get("/memberships", response=list[MembershipOut],
            summary="A validator's queue (only memberships in your scope)")
def memberships_list(request, filters: Query[QueueFilter]):
    refusal = queue_refusal(is_validator=is_validator(request.auth))
    if refusal:
        raise ApplicationError(refusal)
    data = filters.dict()
    limit, offset = data.pop("limit"), data.pop("offset")
    return [membership_out(m) for m in selectors.validation_queue(request.auth, **data)[offset:offset + limit]]


@router.post("/memberships/{membership_id}/approve", response=MembershipOut)
def memberships_approve(request, membership_id: int):
    return membership_out(services.membership_approve(actor=request.auth, membership_id=membership_id))


@router.post("/memberships/{membership_id}/reject", response=MembershipOut)
def memberships_reject(request, membership_id: int, payload: RejectIn):
    return membership_out(services.membership_reject(actor=request.auth, membership_id=membership_id,
                                                     reason=payload.reason))
