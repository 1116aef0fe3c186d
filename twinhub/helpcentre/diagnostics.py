""""Why can't I…?": run the platform's own rule functions against one account.

Each check asks the selector or rule that ENFORCES a rule elsewhere and turns its answer into a
finding; no condition is written twice. Checks are registered in the order the page shows them.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from twinhub.core.errors import Refusal


@dataclass
class Finding:
    topic: str                       # stable anchor: /help/why/#<topic>
    question: str                    # "Why can't I …?"
    refusal: Refusal | None = None   # the problem, as the enforcing rule words it; None = fine
    fine: str = ""                   # what to say when there is no problem
    details: list[str] = field(default_factory=list)

    @property
    def has_problem(self) -> bool:
        return self.refusal is not None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["refusal"] = self.refusal.as_dict() if self.refusal else None
        data["question"] = str(self.question)
        data["fine"] = str(self.fine)
        return data


Check = Callable[[object], list[Finding]]
_CHECKS: list[Check] = []


def check(func: Check) -> Check:
    _CHECKS.append(func)
    return func


def diagnose(user) -> list[Finding]:
    """All findings for this account, problems first (stable order within each group)."""
    findings = [finding for func in _CHECKS for finding in func(user)]
    return sorted(findings, key=lambda f: not f.has_problem)


def snapshot(user) -> list[dict]:
    """The findings as plain data, for a support request (with the user's consent)."""
    return [f.as_dict() for f in diagnose(user)]


# --- Rule 1 / 6: am I an eTwinner (contacts, projects)? ---------------------------------------

@check
def etwinner_status(user) -> list[Finding]:
    from twinhub.schools.selectors import etwinner_refusal_for

    return [Finding(
        topic="membership-pending" if _pending(user) else "not-etwinner",
        question=_("Why can't I add contacts or join projects?"),
        refusal=etwinner_refusal_for(user),
        fine=_("Your school membership is approved: you are an eTwinner and can add contacts and join projects."),
    )]


def _pending(user) -> bool:
    from twinhub.schools.selectors import memberships_of

    return any(m.status == "pending" for m in memberships_of(user))
