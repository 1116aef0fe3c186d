"""Rules of the Quality Labels (rule 8, and the European Quality Label part of rule 2), the
School Label and evaluation. Pure functions on plain values: services enforce them, pages
explain them, the API returns them.

Scoring scale (documented for evaluators and teachers):
- the five criteria are each scored 0–10; the total is their sum (0–50);
- three sub-criteria are each scored 0–4 and must reach 2 for the label to be awarded:
  online collaboration among pupils of the partner schools, use of digital tools,
  GDPR / copyright / eSafety.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.geography.countries import country_name
from twinhub.labels.codes import LabelCode
from twinhub.projects.rules import NATIONAL, national_project_refusal

CRITERIA = {
    "pedagogy": gettext_lazy("Pedagogical approaches"),
    "curriculum": gettext_lazy("Curricular integration"),
    "collaboration": gettext_lazy("Collaboration between partner schools"),
    "technology": gettext_lazy("Use of technology"),
    "results": gettext_lazy("Results and documentation"),
}
CRITERION_MAX = 10
SUB_CRITERIA = {
    "pupil_collaboration": gettext_lazy("Online collaboration among pupils of the partner schools"),
    "digital_tools": gettext_lazy("Use of digital tools"),
    "safety": gettext_lazy("GDPR, copyright and eSafety"),
}
SUB_CRITERION_MAX = 4
SUB_CRITERION_MIN = 2

# Submitting is impossible for these; the other reasons let the teacher submit, and the
# application is stored as "not evaluated" with the reason.
BLOCKING = {LabelCode.NOT_MEMBER, LabelCode.PROJECT_NOT_STARTED, LabelCode.ALREADY_APPLIED,
            LabelCode.NATIONAL_NOT_ALLOWED, LabelCode.WINDOW_CLOSED}
STATUS_FOR_REASON = {
    LabelCode.OVER_YEARLY_LIMIT: "not_evaluated_over_yearly_limit",
    LabelCode.TOO_MANY_MEMBERS_FROM_COUNTRY: "not_evaluated_too_many_members",
}
DECIDED = {"awarded", "rejected", "not_evaluated_over_yearly_limit", "not_evaluated_too_many_members"}


# Rule 8's numbers, here and nowhere else: a teacher's first 4 applications of a year are evaluated;
# in Türkiye a project with more than 10 members from Türkiye is not. Each NSS may change its own.
DEFAULT_MAX_APPLICATIONS_PER_YEAR = 4
DEFAULT_MAX_MEMBERS_FROM_COUNTRY = {"TR": 10}


@dataclass(frozen=True)
class Policy:
    national_projects_allowed: bool = True
    max_applications_per_year: int = DEFAULT_MAX_APPLICATIONS_PER_YEAR
    max_members_from_country: int | None = None


def default_policy(country: str) -> Policy:
    """A country's policy until its NSS sets one (`CountryLabelPolicy`)."""
    return Policy(max_members_from_country=DEFAULT_MAX_MEMBERS_FROM_COUNTRY.get(country))


def over_yearly_limit(*, position_in_year: int, policy: Policy) -> bool:
    """Is this application beyond the teacher's evaluated ones of the year (first N by application time)?"""
    return position_in_year > policy.max_applications_per_year


# --- Applying (rule 8) -----------------------------------------------------------------------

def window_refusal(*, window_open: bool, next_opening: date | None, country: str) -> Refusal | None:
    """Outside a window the button says when the next one opens."""
    if window_open:
        return None
    if next_opening:
        message = _("Applications for the National Quality Label in %(country)s are closed. "
                    "The next application window opens on %(date)s.") % {
            "country": country_name(country), "date": date_format(next_opening, "DATE_FORMAT")}
    else:
        message = _("Applications for the National Quality Label in %(country)s are closed, and no "
                    "application window has been announced yet.") % {"country": country_name(country)}
    return Refusal(code=LabelCode.WINDOW_CLOSED, status=409, message=message,
                   who_must_act=_("the National Support Service of %(country)s") % {"country": country_name(country)},
                   next_step=_("Apply when the window is open."))


def planned_start_refusal(*, planned_start: date | None, today: date) -> Refusal | None:
    """A Quality Label rewards work done: a project whose planned start is still to come (it starts
    next year, say) is not offered a label until it has started."""
    if planned_start is None or planned_start <= today:
        return None
    start = date_format(planned_start, "DATE_FORMAT")
    return Refusal(code=LabelCode.PROJECT_NOT_STARTED, status=409,
                   message=_("The project starts on %(start)s: a Quality Label rewards work a project has "
                             "done, so it cannot apply before it starts.") % {"start": start},
                   who_must_act=_("the project's members"),
                   next_step=_("Apply in a label window after %(start)s, once the project has work to show.")
                   % {"start": start},
                   help_topic="quality-label")


def application_evaluability(*, is_member: bool, project_started: bool, already_applied: bool, scope: str,
                             policy: Policy, country: str, window_open: bool, next_opening: date | None,
                             position_in_year: int, year: int, members_from_country: int,
                             submitted: bool = False, planned_start: date | None = None,
                             today: date | None = None) -> list[Refusal]:
    """Everything that would stop an application or keep it from being evaluated, in the order a
    teacher should read it. Empty list: it will be evaluated. Used by the pre-check, the
    submission service (which stores the resulting status) and the API. With `submitted`, the
    same decision is worded for an application already submitted (its stored position and counts),
    as the help centre and the teacher's label page explain it afterwards."""
    if not is_member:
        return [Refusal(code=LabelCode.NOT_MEMBER, status=403,
                        message=_("Only members of the project can apply for its National Quality Label."),
                        who_must_act=_("a member of the project"))]
    if not project_started:
        return [Refusal(code=LabelCode.PROJECT_NOT_STARTED, status=409,
                        message=_("The project has not started yet, so it cannot apply for a label."))]
    not_yet = None if submitted or today is None else planned_start_refusal(planned_start=planned_start, today=today)
    if not_yet:
        return [not_yet]
    reasons = []
    if already_applied:
        reasons.append(Refusal(code=LabelCode.ALREADY_APPLIED, status=409,
                               message=_("You have already applied for this project's National Quality "
                                         "Label in %(year)s.") % {"year": year}))
    if scope == NATIONAL and not policy.national_projects_allowed:
        reasons.append(Refusal(
            code=LabelCode.NATIONAL_NOT_ALLOWED, status=409,
            message=_("In %(country)s only European projects may apply for the National Quality Label; "
                      "this is a national project.") % {"country": country_name(country)},
            who_must_act=_("the National Support Service of %(country)s") % {"country": country_name(country)}))
    closed = window_refusal(window_open=window_open, next_opening=next_opening, country=country)
    if closed:
        reasons.append(closed)
    limit = policy.max_applications_per_year
    if over_yearly_limit(position_in_year=position_in_year, policy=policy):
        values = {"nth": ordinal(position_in_year), "year": year, "limit": limit}
        reasons.append(Refusal(
            code=LabelCode.OVER_YEARLY_LIMIT, status=409,
            message=(_("This was your %(nth)s application in %(year)s: only the first %(limit)s are evaluated.")
                     % values) if submitted else
            (_("This would be your %(nth)s application in %(year)s: it will not be evaluated. "
               "Only a teacher's first %(limit)s applications of a year are evaluated.") % values),
            who_must_act=_("you"),
            next_step=_("Ask a partner from your country with fewer applications to apply instead.")))
    member_limit = policy.max_members_from_country
    if member_limit is not None and members_from_country > member_limit:
        values = {"count": members_from_country, "country": country_name(country), "limit": member_limit}
        reasons.append(Refusal(
            code=LabelCode.TOO_MANY_MEMBERS_FROM_COUNTRY, status=409,
            message=(_("This project has %(count)s members from %(country)s (limit %(limit)s): the application "
                       "was not evaluated.") % values) if submitted else
            (_("This project has %(count)s members from %(country)s; at most %(limit)s are allowed: "
               "the application will not be evaluated (too many members from %(country)s).") % values),
            who_must_act=_("the project's administrators"),
            next_step=_("The project can apply once it has no more than %(limit)s members from %(country)s.")
            % {"limit": member_limit, "country": country_name(country)}))
    return reasons


def submission_refusal(reasons: Sequence[Refusal]) -> Refusal | None:
    """The first reason that stops submitting altogether."""
    return next((r for r in reasons if r.code in BLOCKING), None)


def evaluation_status_for(reasons: Sequence[Refusal]) -> str:
    """The status a submitted application starts with: the first non-blocking reason decides."""
    for reason in reasons:
        if reason.code in STATUS_FOR_REASON:
            return STATUS_FOR_REASON[reason.code]
    return "queued"


def application_form_refusal(*, texts: dict[str, str], evidence_links: Sequence[str]) -> Refusal | None:
    missing = [str(CRITERIA[k]) for k in CRITERIA if not (texts.get(k) or "").strip()]
    if missing:
        return Refusal(code=Code.INVALID, status=400,
                       message=_("Describe the work under every criterion: %(missing)s.") % {
                           "missing": ", ".join(missing)})
    bad = [link for link in evidence_links if not link.startswith(("https://", "http://"))]
    if bad:
        return Refusal(code=Code.INVALID, status=400,
                       message=_("Evidence links must be web addresses (https://…)."))
    return None


# --- Windows and policies -----------------------------------------------------------------------

def nss_country_refusal(*, manages_country: bool, country: str) -> Refusal | None:
    """Windows and policies of a country are for that country's NSS (and CSS)."""
    if manages_country:
        return None
    return Refusal(code=Code.FORBIDDEN, status=403,
                   message=_("Only the National Support Service of %(country)s can change this.") % {
                       "country": country_name(country)},
                   who_must_act=_("the National Support Service of %(country)s") % {"country": country_name(country)})


def window_refusal_for_dates(*, year: int, opens_on: date, closes_on: date) -> Refusal | None:
    if closes_on < opens_on or opens_on.year != year or closes_on.year != year:
        return Refusal(code=Code.INVALID, status=400,
                       message=_("A window opens and closes within its year, and closes after it opens."))
    return None


def policy_values_refusal(*, max_applications_per_year: int, max_members_from_country: int | None) -> Refusal | None:
    if max_applications_per_year < 1 or (max_members_from_country is not None and max_members_from_country < 1):
        return Refusal(code=Code.INVALID, status=400, message=_("Limits must be at least 1."))
    return None


# --- Evaluation ------------------------------------------------------------------------------

def evaluators_only_refusal(*, is_evaluator: bool) -> Refusal | None:
    """The evaluators' queue is the National Support Services' own."""
    if is_evaluator:
        return None
    return Refusal(code=Code.FORBIDDEN, status=403,
                   message=_("Only evaluators of a National Support Service have an evaluation queue."),
                   who_must_act=_("the National Support Service of your country"))


def evaluator_refusal(*, is_nss_of_country: bool, is_project_member: bool, status: str) -> Refusal | None:
    """NSS evaluators of the applicant's country evaluate; never a member of the project."""
    if not is_nss_of_country:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Only evaluators of the applicant's National Support Service evaluate this."))
    if is_project_member:
        return Refusal(code=LabelCode.CONFLICT_OF_INTEREST, status=409,
                       message=_("You are a member of this project, so you cannot evaluate its application."),
                       who_must_act=_("another evaluator of the National Support Service"),
                       next_step=_("Assign the application to a colleague who is not in the project."))
    if status in DECIDED:
        return Refusal(code=Code.ALREADY_DECIDED, status=409,
                       message=_("This application has already been decided or is not evaluated."))
    return None


def scores_refusal(scores: dict) -> Refusal | None:
    """Every criterion and sub-criterion scored, as a whole number within its scale."""
    for key, top in [*((k, CRITERION_MAX) for k in CRITERIA), *((k, SUB_CRITERION_MAX) for k in SUB_CRITERIA)]:
        value = scores.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
            label = CRITERIA.get(key) or SUB_CRITERIA[key]
            return Refusal(code=LabelCode.INVALID_SCORES, status=400,
                           message=_("Score “%(criterion)s” from 0 to %(max)s.") % {"criterion": label, "max": top})
    return None


def total_score(scores: dict) -> int:
    return sum(scores[k] for k in CRITERIA)


def award_refusal(scores: dict) -> Refusal | None:
    """The label needs the minimum on each sub-criterion that has one."""
    low = [str(SUB_CRITERIA[k]) for k in SUB_CRITERIA if scores[k] < SUB_CRITERION_MIN]
    if not low:
        return None
    return Refusal(code=LabelCode.BELOW_MINIMUM, status=409,
                   message=_("The label cannot be awarded: below the minimum of %(min)s points on %(items)s.") % {
                       "min": SUB_CRITERION_MIN, "items": ", ".join(low)},
                   next_step=_("Reject the application, with feedback for the teacher."))


# --- European Quality Label -------------------------------------------------------------------

EQL_MIN_NQL_COUNTRIES = 2


def eql_candidacy_refusal(*, scope: str, founder_countries: Sequence[str], nql_countries: Sequence[str],
                          year: int) -> Refusal | None:
    """Candidates: European projects with NQLs in at least two different countries that year.
    National projects never are; their page says why."""
    national = national_project_refusal(scope=scope, founder_countries=founder_countries)
    if national:
        return national
    if len(set(nql_countries)) < EQL_MIN_NQL_COUNTRIES:
        return Refusal(code=LabelCode.NOT_CANDIDATE, status=409,
                       message=_("A project is a candidate for the European Quality Label %(year)s when it "
                                 "received National Quality Labels in at least two countries that year.")
                       % {"year": year})
    return None


def nomination_quota(nql_projects_in_country: int, share_percent: int) -> int:
    """Each NSS nominates at most this share of its country's NQL projects (rounded down)."""
    return math.floor(nql_projects_in_country * share_percent / 100)


def selection_staff_refusal(*, may_select: bool) -> Refusal | None:
    if may_select:
        return None
    return Refusal(code=Code.FORBIDDEN, status=403,
                   message=_("Only the Central Support Service runs the European Quality Label selection."),
                   who_must_act=_("the Central Support Service"))


def nominating_country_refusal(*, is_nss_of_country: bool, country: str) -> Refusal | None:
    if is_nss_of_country:
        return None
    return Refusal(code=Code.FORBIDDEN, status=403,
                   message=_("Only the National Support Service of the country nominates its projects."),
                   who_must_act=_("the National Support Service of %(country)s") % {"country": country_name(country)})


def selection_open_refusal(*, selection_open: bool) -> Refusal | None:
    if selection_open:
        return None
    return Refusal(code=LabelCode.SELECTION_CLOSED, status=409,
                   message=_("The European Quality Label selection of this year is not open for nominations."),
                   who_must_act=_("the Central Support Service"),
                   next_step=_("Nominations and the confirmation wait until the Central Support Service opens "
                               "the year's selection."))


def nomination_refusal(*, candidacy: Refusal | None, has_country_nql: bool, average: float | None,
                       threshold: int, nominated_so_far: int, quota: int, selection_open: bool) -> Refusal | None:
    closed = selection_open_refusal(selection_open=selection_open)
    if closed:
        return closed
    if candidacy:
        return candidacy
    if not has_country_nql:
        return Refusal(code=LabelCode.NO_COUNTRY_NQL, status=409,
                       message=_("Nominate projects holding a National Quality Label of your country."))
    if average is None or average <= threshold:
        return Refusal(code=LabelCode.BELOW_THRESHOLD, status=409,
                       message=_("The project's average score must be above %(threshold)s points.") % {
                           "threshold": threshold})
    if nominated_so_far >= quota:
        return Refusal(code=LabelCode.QUOTA_REACHED, status=409,
                       message=_("Your country may nominate %(quota)s projects this year, and has.") % {
                           "quota": quota})
    return None


# --- eTwinning School Label --------------------------------------------------------------------

SCHOOL_ACTIVE_TEACHERS = 3


def two_years_before(moment: datetime) -> datetime:
    return moment - timedelta(days=730)


def school_label_reasons(*, registered_at: datetime, now: datetime, active_teachers: int,
                         european_nql_projects: int) -> list[Refusal]:
    """Why a school is not (yet) eligible; empty list: eligible."""
    reasons = []
    if registered_at > two_years_before(now):
        reasons.append(Refusal(code=LabelCode.SCHOOL_TOO_NEW, status=409,
                               message=_("The school must have been registered for more than two years.")))
    if active_teachers < SCHOOL_ACTIVE_TEACHERS:
        reasons.append(Refusal(code=LabelCode.TOO_FEW_ACTIVE_TEACHERS, status=409,
                               message=_("At least %(min)s of the school's teachers must have been active in the "
                                         "last two years; %(count)s were.") % {
                                   "min": SCHOOL_ACTIVE_TEACHERS, "count": active_teachers}))
    if european_nql_projects < 1:
        reasons.append(Refusal(code=LabelCode.NO_EUROPEAN_NQL, status=409,
                               message=_("The school must have taken part in a European project that received a "
                                         "National Quality Label in the last two years.")))
    return reasons


PRINCIPAL_NAME_MAX_LENGTH = 160


def school_label_declaration_refusal(*, principal_name: str, principal_declaration: str) -> Refusal | None:
    """The application carries the principal's name and declaration."""
    if not principal_name.strip() or not principal_declaration.strip():
        return Refusal(code=Code.INVALID, status=400,
                       message=_("Give the principal's name and the principal's declaration."),
                       who_must_act=_("you"), next_step=_("Ask your principal for the declaration."))
    if len(principal_name.strip()) > PRINCIPAL_NAME_MAX_LENGTH:
        return Refusal(code=Code.INVALID, status=400,
                       message=_("The principal's name has at most %(max)s characters.")
                       % {"max": PRINCIPAL_NAME_MAX_LENGTH}, who_must_act=_("you"))
    return None


def school_label_once_refusal(*, already_applied: bool, year: int) -> Refusal | None:
    """A school applies for the eTwinning School Label once a year."""
    if not already_applied:
        return None
    return Refusal(code=LabelCode.ALREADY_APPLIED, status=409,
                   message=_("The school has already applied for the eTwinning School Label in %(year)s.")
                   % {"year": year},
                   next_step=_("The school's application of this year is on the School Label page."))


def decision_value_refusal(*, decision: str) -> Refusal | None:
    """A decision is "award" or "reject" (the API's word for the evaluator's choice)."""
    if decision in ("award", "reject"):
        return None
    return Refusal(code=Code.INVALID, status=400, message=_("The decision is “award” or “reject”."),
                   who_must_act=_("you"))


def school_label_decision_refusal(*, is_nss_of_country: bool, status: str) -> Refusal | None:
    if not is_nss_of_country:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("The National Support Service of the school's country decides."),
                       who_must_act=_("the National Support Service of the school's country"))
    if status != "pending":
        return Refusal(code=Code.ALREADY_DECIDED, status=409, message=_("This application has already been decided."))
    return None


def school_label_reason_refusal(*, award: bool, reason: str) -> Refusal | None:
    """A rejection tells the school why."""
    if not award and not reason.strip():
        return Refusal(code=Code.REASON_REQUIRED, status=400,
                       message=_("Give the school the reason why the School Label is not awarded."))
    return None
