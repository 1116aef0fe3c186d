""""Why can't I…?": run the platform's own rule functions against one account.

Each check asks the selector or rule that ENFORCES a rule elsewhere and turns its answer into a
finding; no condition is written twice. Checks are registered in the order the page shows them.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils import translation
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


Check = Callable[..., list[Finding]]
_CHECKS: list[Check] = []


def check(func: Check) -> Check:
    _CHECKS.append(func)
    return func


def diagnose(user, *, about=None) -> list[Finding]:
    """All findings for this account, problems first (stable order within each group). `about` is
    another teacher the question concerns ("Why can't I add X as a contact?"), if any."""
    findings = [finding for func in _CHECKS for finding in func(user, about=about)]
    return sorted(findings, key=lambda f: not f.has_problem)


def snapshot(user) -> dict[str, list[dict]]:
    """The findings as plain data, for a support request (with the user's consent), in each of the
    site's languages: staff read it in theirs, not in the one the teacher wrote in."""
    findings: dict[str, list[dict]] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            findings[language] = [f.as_dict() for f in diagnose(user)]
    return findings


def snapshot_in(stored, language: str) -> list[dict]:
    """A stored snapshot's findings in `language` (or the first language it has). Requests made
    before snapshots held every language keep their one list."""
    if not stored:
        return []
    if isinstance(stored, list):
        return stored
    return stored.get(language) or stored.get((language or "").split("-")[0]) or next(iter(stored.values()), [])


# --- Rule 1 / 6: am I an eTwinner (contacts, projects)? ---------------------------------------

@check
def etwinner_status(user, about=None) -> list[Finding]:
    from twinhub.schools.selectors import etwinner_refusal_for

    return [Finding(
        topic="membership-pending" if _pending(user) else "not-etwinner",
        question=_("Why can't I add contacts or join projects?"),
        refusal=etwinner_refusal_for(user),
        fine=_("Your school membership is approved: you are an eTwinner and can add contacts and join projects."),
    )]


@check
def contact_with(user, about=None) -> list[Finding]:
    """Rule 6 for one pair, when the question names someone."""
    from twinhub.contacts.selectors import contact_request_check

    if about is None or about.pk == user.pk:
        return []
    return [Finding(
        topic="contact-add", question=_("Why can't I add %(person)s as a contact?") % {"person": about.display_name},
        refusal=contact_request_check(user, about),
        fine=_("Nothing stops you: you can send %(person)s a contact request.") % {"person": about.display_name})]


def _pending(user) -> bool:
    from twinhub.schools.selectors import memberships_of

    return any(m.status == "pending" for m in memberships_of(user))


# --- Rule 7: invitations -------------------------------------------------------------------

MAX_PROJECTS_CHECKED = 10  # a teacher in hundreds of projects still gets a quick page


@check
def invitations(user, about=None) -> list[Finding]:
    from twinhub.accounts.selectors import has_profile
    from twinhub.projects.codes import ProjectCode
    from twinhub.projects.rules import availability_refusal
    from twinhub.projects.selectors import invite_candidates, is_available, is_project_admin, projects_of

    if not has_profile(user):
        return []
    findings = [Finding(
        topic="invite-list", question=_("Why doesn't anyone invite me to projects?"),
        refusal=availability_refusal(available=is_available(user)),
        fine=_("You are available for eTwinning projects: your contacts can invite you."))]
    admin_projects = [p for p in projects_of(user)[:MAX_PROJECTS_CHECKED]
                      if p.state == "open" and is_project_admin(user, p)]
    for project in admin_projects:
        blocked = [c for c in invite_candidates(user, project)
                   if c.refusal is not None and c.refusal.code != ProjectCode.ALREADY_MEMBER]
        if blocked:
            findings.append(Finding(
                topic="invite-list",
                question=_("Why can't I find some contacts in the invitation list of “%(title)s”?")
                % {"title": project.title},
                details=[f"{c.user.display_name}: {c.refusal.message}" for c in blocked]))
    return findings


# --- Rule 2: national projects ----------------------------------------------------------------

@check
def national_projects(user, about=None) -> list[Finding]:
    from twinhub.projects.rules import national_project_refusal
    from twinhub.projects.selectors import projects_of

    refused = [(project, national_project_refusal(scope=project.scope, founder_countries=project.founder_countries))
               for project in projects_of(user)[:MAX_PROJECTS_CHECKED]]
    return [Finding(topic="national-project", refusal=refusal,
                    question=_("Why is “%(title)s” a national project?") % {"title": project.title})
            for project, refusal in refused if refusal is not None]


# --- Rules 3, 4, 5: old-platform data and the migration phases --------------------------------

@check
def old_platform_data(user, about=None) -> list[Finding]:
    from twinhub.legacy.selectors import legacy_data_refusal_for, legacy_ids_for

    return [Finding(
        topic="legacy-data", question=_("Why can't I see my data from the old platform?"),
        refusal=legacy_data_refusal_for(user),
        fine=_("Your old-platform data is attached to this account (old ids: %(ids)s).")
        % {"ids": ", ".join(legacy_ids_for(user))})]


@check
def migration_phases(user, about=None) -> list[Finding]:
    from twinhub.legacy.rules import phase_refusal
    from twinhub.legacy.selectors import dashboard_notices

    refusals = [phase_refusal(phase=notice["phase"], state=notice["state"], planned_for=notice.get("planned_for"))
                for notice in dashboard_notices(user)]
    return [Finding(topic="migration", question=_("Why can't I see my TwinSpace or my Quality Label certificates?"),
                    refusal=refusal) for refusal in refusals if refusal is not None]


# --- Rule 8: Quality Label applications that were not evaluated ---------------------------------

@check
def quality_labels(user, about=None) -> list[Finding]:
    from twinhub.labels.selectors import not_evaluated_applications_of

    return [Finding(
        topic="quality-label",
        question=_("Why was my Quality Label application for “%(title)s” not evaluated?")
        % {"title": application.project.title},
        refusal=reasons[0], details=[str(r.message) for r in reasons[1:]])
        for application, reasons in not_evaluated_applications_of(user) if reasons]
