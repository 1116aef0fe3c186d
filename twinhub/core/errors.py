"""The one family of domain errors, mapped to HTTP in one place (`twinhub.api.errors`)
and to page messages by the views.

A refusal carries a stable `code` (for API clients and the help centre), a translated
`message` that says why, and when known who must act and what to do next.
"""

from dataclasses import dataclass, field

from twinhub.core.codes import Code


@dataclass(frozen=True)
class Refusal:
    code: str  # a member of a `…Code` StrEnum (twinhub.core.codes); stored as its plain string
    message: str
    who_must_act: str = ""
    next_step: str = ""
    help_topic: str = ""
    status: int = 409
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "code", str(self.code))

    def as_dict(self) -> dict:
        data = {"code": self.code, "message": str(self.message)}
        if self.who_must_act:
            data["who_must_act"] = str(self.who_must_act)
        if self.next_step:
            data["next_step"] = str(self.next_step)
        if self.help_topic:
            data["help_topic"] = self.help_topic
        return data


class ApplicationError(Exception):
    """Raised by services when a rule refuses an action."""

    def __init__(self, refusal: Refusal):
        super().__init__(str(refusal.message))
        self.refusal = refusal

    @property
    def code(self) -> str:
        return self.refusal.code


def refuse(code: str, message, *, status: int = 409, **extra) -> ApplicationError:
    return ApplicationError(Refusal(code=code, message=message, status=status, **extra))


def not_found(message=None) -> ApplicationError:
    from django.utils.translation import gettext

    return refuse(Code.NOT_FOUND, message or gettext("Not found."), status=404)


def forbidden(message=None) -> ApplicationError:
    from django.utils.translation import gettext

    return refuse(Code.FORBIDDEN, message or gettext("You are not allowed to do this."), status=403)


def enforce(refusal: Refusal | None) -> None:
    """What a service does with a rule's answer: nothing when it allows, raise its refusal otherwise."""
    if refusal is not None:
        raise ApplicationError(refusal)
