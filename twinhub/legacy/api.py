"""Migration endpoints: the phases' state, and adding an address to claim old data."""

from datetime import date, datetime

from ninja import Router, Schema, Status

from twinhub.legacy import selectors, services

router = Router(tags=["legacy"])


class PhaseOut(Schema):
    phase: str
    state: str
    started_at: datetime | None
    finished_at: datetime | None
    planned_for: date | None = None


class EmailIn(Schema):
    email: str


class EmailAddedOut(Schema):
    email: str
    verified: bool
    verification_sent: bool


@router.get("/migration", response=list[PhaseOut], summary="State of each phase of the move from the old platform")
def migration(request):
    return selectors.migration_status()


@router.post("/me/emails", response={201: EmailAddedOut}, summary="Add an e-mail address to verify "
             "(claims the old eTwinning data it names once verified)")
def me_emails_add(request, payload: EmailIn):
    address = services.email_add(user=request.auth, email=payload.email, request=request)
    return Status(201, {"email": address.email, "verified": address.verified, "verification_sent": not address.verified})
