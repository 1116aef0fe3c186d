from datetime import datetime

from ninja import Field, Router, Schema, Status

from twinhub.helpcentre import selectors, services
from twinhub.helpcentre.diagnostics import diagnose
from twinhub.helpcentre.rules import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH

router = Router(tags=["help"])


class RefusalOut(Schema):
    code: str
    message: str
    who_must_act: str | None = None
    next_step: str | None = None
    help_topic: str | None = None


class FindingOut(Schema):
    topic: str
    question: str
    problem: bool
    refusal: RefusalOut | None
    fine: str
    details: list[str]


class SupportIn(Schema):
    subject: str = Field(..., min_length=1, max_length=SUBJECT_MAX_LENGTH)
    body: str = Field(..., min_length=1, max_length=BODY_MAX_LENGTH)
    consent: bool = False
    country: str = ""


class SupportOut(Schema):
    id: int
    subject: str
    country: str
    status: str
    created_at: datetime
    diagnostic_attached: bool


class ReplyIn(Schema):
    body: str = Field(..., min_length=1, max_length=BODY_MAX_LENGTH)


def _support_out(item) -> dict:
    return {"id": item.pk, "subject": item.subject, "country": item.country, "status": item.status,
            "created_at": item.created_at, "diagnostic_attached": item.diagnostic is not None}


@router.get("/me/why", response=list[FindingOut], summary="“Why can't I…?”: the rules run against your account")
def why(request):
    return [{"topic": f.topic, "question": str(f.question), "problem": f.has_problem,
             "refusal": f.refusal.as_dict() if f.refusal else None, "fine": str(f.fine), "details": f.details}
            for f in diagnose(request.auth)]


@router.post("/support-requests", response={201: SupportOut}, summary="Ask your National Support Service")
def support_create(request, payload: SupportIn):
    return Status(201, _support_out(services.support_request_create(user=request.auth, **payload.dict())))


@router.get("/support-requests/{request_id}", response=SupportOut)
def support_get(request, request_id: int):
    return _support_out(selectors.support_request_for_user(request.auth, request_id))


@router.post("/support-requests/{request_id}/replies", response={201: dict})
def support_reply(request, request_id: int, payload: ReplyIn):
    message = services.support_reply(actor=request.auth, request_id=request_id, body=payload.body)
    return Status(201, {"id": message.pk, "from_staff": message.from_staff})
