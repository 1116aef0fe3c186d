"""Reads about labels, permission-checked where a user is involved (out of scope: not found)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import (
    Aggregate,
    Avg,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from twinhub.core.cache import cached_read
from twinhub.core.errors import Refusal, not_found
from twinhub.core.prepared import PreparedQuery
from twinhub.core.queries import count_subquery
from twinhub.labels import rules
from twinhub.labels.models import (
    ApplicationWindow,
    CountryLabelPolicy,
    EqlNomination,
    EqlSelection,
    EvaluationStatus,
    Label,
    LabelApplication,
    LabelKind,
    SchoolLabelApplication,
    YearCounter,
)
from twinhub.projects.models import Project, ProjectMember
from twinhub.projects.rules import NATIONAL, national_project_refusal
from twinhub.projects.selectors import members_from_country_rows, project_member_of
from twinhub.schools.models import Membership, MembershipStatus
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach

OPEN_STATUSES = (EvaluationStatus.QUEUED, EvaluationStatus.IN_EVALUATION)


def eql_share_percent() -> int:
    """The share of a country's NQL projects its NSS may nominate for the EQL (read when asked)."""
    return settings.LABELS_EQL_NOMINATION_SHARE


def eql_min_average() -> int:
    """The average score an EQL candidate needs (read when asked)."""
    return settings.LABELS_EQL_MIN_AVERAGE


# --- Policies and windows ---------------------------------------------------------------------

def policy_for(country: str) -> rules.Policy:
    """The country's policy, from the shared cache until a policy row is written (ForgetsCachedReads)."""
    return cached_read(CountryLabelPolicy.CACHED_READS, country, lambda: _policy_read(country))


def _policy_read(country: str) -> rules.Policy:
    row = CountryLabelPolicy.objects.filter(country=country).first()
    if row is None:
        return rules.default_policy(country)
    return rules.Policy(national_projects_allowed=row.national_projects_allowed,
                        max_applications_per_year=row.max_applications_per_year,
                        max_members_from_country=row.max_members_from_country)


@dataclass(frozen=True)
class WindowState:
    open_window: ApplicationWindow | None
    next_opening: date | None


def window_state(country: str, today: date | None = None) -> WindowState:
    """The open window and the next opening of the country's windows on `today`: from the shared
    cache (per country and day) until a window row is written (ForgetsCachedReads)."""
    today = today or timezone.localdate()
    return cached_read(ApplicationWindow.CACHED_READS, f"{country}:{today.isoformat()}",
                       lambda: _window_state_read(country, today))


def _window_state_read(country: str, today: date) -> WindowState:
    windows = list(ApplicationWindow.objects.filter(country=country, closes_on__gte=today).order_by("opens_on")[:5])
    current = next((w for w in windows if w.opens_on <= today), None)
    upcoming = next((w.opens_on for w in windows if w.opens_on > today), None)
    return WindowState(current, upcoming)


def windows_of(country: str = "") -> QuerySet[ApplicationWindow]:
    qs = ApplicationWindow.objects.order_by("country", "opens_on")
    return qs.filter(country=country.upper()) if country else qs


# --- The pre-check ----------------------------------------------------------------------------

@dataclass
class Precheck:
    reasons: list[Refusal]
    country: str = ""
    year: int = 0
    position: int = 0
    member: ProjectMember | None = None
    window: ApplicationWindow | None = None
    members_from_country: int = 0
    policy: rules.Policy | None = None

    @property
    def evaluable(self) -> bool:
        return not self.reasons

    @property
    def blocking(self) -> Refusal | None:
        return rules.submission_refusal(self.reasons)


def precheck_for(user, project, *, lock: bool = False) -> Precheck:
    """What would happen if this teacher applied now. With `lock`, inside the submission
    transaction, the teacher's year counter row is locked first so the position is exact."""
    member = project_member_of(user, project)
    if member is None:
        return Precheck(reasons=rules.application_evaluability(
            is_member=False, project_started=False, already_applied=False, scope=project.scope,
            policy=rules.Policy(), country="", window_open=False, next_opening=None, position_in_year=1,
            year=0, members_from_country=0))
    country = member.country
    state = window_state(country)
    year = state.open_window.year if state.open_window else timezone.localdate().year
    if lock:  # the teacher's counter row first: a concurrent submission waits, then is counted
        YearCounter.objects.bulk_create([YearCounter(user=user, year=year)], ignore_conflicts=True)
        YearCounter.objects.select_for_update().filter(user=user, year=year).values_list("pk").get()
    submitted, from_country, already_applied = _applicant_facts(user, project, country, year)
    policy = policy_for(country)
    reasons = rules.application_evaluability(
        is_member=True, project_started=bool(project.scope) and project.state in ("open", "closed"),
        already_applied=already_applied, scope=project.scope, policy=policy, country=country,
        window_open=state.open_window is not None, next_opening=state.next_opening,
        position_in_year=submitted + 1, year=year, members_from_country=from_country,
        planned_start=project.planned_start, today=timezone.localdate())
    return Precheck(reasons=reasons, country=country, year=year, position=submitted + 1, member=member,
                    window=state.open_window, members_from_country=from_country, policy=policy)


def _applicant_facts_query(user_id: int, project_id: int, country: str, year: int):
    return Project.objects.filter(pk=project_id).annotate(
        submitted=Subquery(YearCounter.objects.filter(user_id=user_id, year=year).values("submitted")[:1]),
        from_country=count_subquery(members_from_country_rows(OuterRef("pk"), country), "project"),
        applied=Exists(LabelApplication.objects.filter(project=OuterRef("pk"), applicant_id=user_id, year=year)),
    ).values_list("submitted", "from_country", "applied")


_APPLICANT_FACTS = PreparedQuery(_applicant_facts_query, user_id=int, project_id=int, country=str, year=int)


def _applicant_facts(user, project, country: str, year: int) -> tuple[int, int, bool]:
    """(applications the teacher submitted in the year, members from their country, whether they
    already applied for this project in the year), in one query: the project page asks each time."""
    (submitted, members, applied), = _APPLICANT_FACTS.rows(user_id=user.pk, project_id=project.pk,
                                                          country=country, year=year)
    return submitted or 0, members, bool(applied)


# --- Applications -----------------------------------------------------------------------------

def _application_qs():
    return LabelApplication.objects.select_related("project", "applicant", "evaluator", "label")


def can_see_application(user, application) -> bool:
    return application.applicant_id == user.pk or staff_reach(user, Capability.SEE_LABELS).covers(application.country)


def application_for_user(user, application_id: int, *, for_update: bool = False) -> LabelApplication:
    """The applicant, the NSS of the applicant's country and CSS see an application; others: not found."""
    if not user.is_authenticated:
        raise not_found()
    qs = (LabelApplication.objects.select_for_update(of=("self",)).select_related("project")
          if for_update else _application_qs())
    application = qs.filter(pk=application_id).first()
    if application is None or not can_see_application(user, application):
        raise not_found()
    return application


def applications_of(user) -> QuerySet[LabelApplication]:
    return _application_qs().filter(applicant=user).order_by("-submitted_at", "-id")


def project_applications(project) -> QuerySet[LabelApplication]:
    return _application_qs().filter(project=project).order_by("submitted_at", "id")


def is_project_member(user_id: int, project_id: int) -> bool:
    return ProjectMember.objects.filter(project_id=project_id, user_id=user_id).exists()


@dataclass
class Queue:
    items: list[LabelApplication]
    progress: dict = field(default_factory=dict)
    today: date | None = None


def evaluator_queue(user, *, country: str = "", limit: int = 100) -> Queue:
    """Open applications of the evaluator's countries, oldest first, with each one's conflict of
    interest, and the progress of the year. A fixed number of queries."""
    countries = set(staff_reach(user, Capability.EVALUATE_LABELS).countries)
    if country:
        countries &= {country}
    open_qs = (_application_qs().filter(country__in=countries, evaluation_status__in=OPEN_STATUSES)
               .order_by("deadline", "submitted_at", "id"))
    items = list(open_qs[:limit])
    member_of = set(ProjectMember.objects.filter(user=user, project_id__in={a.project_id for a in items})
                    .values_list("project_id", flat=True))
    for item in items:
        item.conflict = item.project_id in member_of
    year = timezone.localdate().year
    counts = dict(LabelApplication.objects.filter(country__in=countries, year=year)
                  .values_list("evaluation_status").annotate(n=Count("id")).values_list("evaluation_status", "n"))
    decided = counts.get("awarded", 0) + counts.get("rejected", 0)
    pending = counts.get("queued", 0) + counts.get("in_evaluation", 0)
    progress = {"year": year, "decided": decided, "pending": pending, "total": decided + pending,
                "unassigned": counts.get("queued", 0)}
    return Queue(items=items, progress=progress, today=timezone.localdate())


def applications_by_status(*, countries: set[str] | None) -> list[dict]:
    """Applications of teachers of these countries (None: all) by evaluation status, every status
    listed (zero included), in one grouped query. The NSS dashboard shows it."""
    qs = LabelApplication.objects.all()
    if countries is not None:
        qs = qs.filter(country__in=countries)
    counts = dict(qs.order_by().values_list("evaluation_status").annotate(n=Count("id"))
                  .values_list("evaluation_status", "n"))
    return [{"status": value, "label": str(label), "count": counts.get(value, 0)}
            for value, label in EvaluationStatus.choices]


NOT_EVALUATED = (EvaluationStatus.OVER_YEARLY_LIMIT, EvaluationStatus.TOO_MANY_MEMBERS)


def not_evaluated_reasons(application: LabelApplication) -> list[Refusal]:
    """Why a submitted application was not evaluated, worded by the rule that decided
    (`rules.application_evaluability` on the position and counts stored at submission)."""
    default = rules.default_policy(application.country)
    policy = rules.Policy(
        max_applications_per_year=application.yearly_limit or default.max_applications_per_year,
        max_members_from_country=(application.member_limit if application.yearly_limit is not None
                                  else default.max_members_from_country))
    reasons = rules.application_evaluability(
        is_member=True, project_started=True, already_applied=False, scope="european", policy=policy,
        country=application.country, window_open=True, next_opening=None,
        position_in_year=application.position_in_year or 1, year=application.year,
        members_from_country=application.members_from_country or 0, submitted=True)
    return [r for r in reasons if r.code in rules.STATUS_FOR_REASON]


def not_evaluated_applications_of(user) -> list[tuple[LabelApplication, list[Refusal]]]:
    """The user's applications marked not evaluated, each with the reasons (the help centre's
    "Why can't I…?" page and the teacher's labels page). One query."""
    if not user.is_authenticated:
        return []
    return [(a, not_evaluated_reasons(a)) for a in
            LabelApplication.objects.filter(applicant=user, evaluation_status__in=NOT_EVALUATED)
            .select_related("project").order_by("-submitted_at", "-id")]


# --- Labels and certificates ------------------------------------------------------------------

def _label_qs():
    return Label.objects.select_related("holder", "school", "project")


def label_by_code(code: str) -> Label | None:
    return _label_qs().filter(verification_code=code.strip().upper()).first() if code.strip() else None


def label_for_user(user, label_id: int) -> Label:
    """A certificate: its holder; for a School Label the school's approved teachers; the NSS of its
    country and CSS."""
    label = _label_qs().filter(pk=label_id).first() if user.is_authenticated else None
    if label is None:
        raise not_found()
    allowed = (label.holder_id == user.pk or staff_reach(user, Capability.SEE_LABELS).covers(label.country)
               or (label.school_id and Membership.objects.filter(user=user, school_id=label.school_id,
                                                                  status=MembershipStatus.APPROVED).exists()))
    if not allowed:
        raise not_found()
    return label


def labels_of(user) -> QuerySet[Label]:
    return _label_qs().filter(holder=user)


# --- European Quality Label -------------------------------------------------------------------

@dataclass
class EqlProject:
    project_id: int
    title: str
    scope: str
    founder_countries: list
    nql_countries: list
    average: float | None
    candidacy: Refusal | None
    nominated_by: list = field(default_factory=list)


def nql_project_counts(year: int) -> dict[str, int]:
    """For each country, how many projects hold one of its NQLs that year (counted in SQL)."""
    return dict(Label.objects.filter(kind=LabelKind.NQL, year=year, project__isnull=False)
                .values_list("country").annotate(n=Count("project_id", distinct=True)).values_list("country", "n"))


def eql_quotas(year: int) -> dict[str, int]:
    """Each country's nomination quota: the configured share of its NQL projects."""
    return {country: rules.nomination_quota(n, eql_share_percent()) for country, n in nql_project_counts(year).items()}


def nominations_by_country(year: int) -> dict[str, int]:
    return dict(EqlNomination.objects.filter(selection__year=year).values_list("country")
                .annotate(n=Count("id")).values_list("country", "n"))


class _Countries(Aggregate):
    """The distinct values of a column joined with commas (STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite)."""

    function = "STRING_AGG"
    template = "%(function)s(DISTINCT %(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT",
                              template="%(function)s(DISTINCT %(expressions)s)", **extra)


def _nql_project_rows(year: int):
    """One row per project holding an NQL of the year, aggregated in SQL: its NQL countries,
    their number, the average total of its awarded applications, and whether it passes the
    candidacy rule's thresholds (`rules.eql_candidacy_refusal` still words every shown row)."""
    return (Label.objects.filter(kind=LabelKind.NQL, year=year, project__isnull=False)
            .values("project_id")
            .annotate(scope=Min("project__scope"),  # grouped by the project id alone: one scope each
                      nql_count=Count("country", distinct=True), countries=_Countries("country"),
                      average=Avg("application__total"),
                      candidate=Case(When(Q(nql_count__gte=rules.EQL_MIN_NQL_COUNTRIES) & ~Q(scope=NATIONAL),
                                          then=Value(1)), default=Value(0), output_field=IntegerField()))
            .order_by("-candidate", F("average").desc(nulls_last=True), "project_id"))


@dataclass
class EqlOverview:
    year: int
    total: int
    candidates: int
    quotas: dict[str, int]
    nominated: dict[str, int]
    projects: list[EqlProject]


def eql_overview(year: int, *, country: str = "", candidates_only: bool = False, min_average: float | None = None,
                 offset: int = 0, limit: int | None = 200) -> EqlOverview:
    """The year's NQL projects, candidates first and best average first, aggregated in SQL: a fixed
    number of queries whatever the number of applications, and only the shown page built in Python.
    `country`: only projects holding an NQL of that country; `min_average`: only averages above it."""
    rows = _nql_project_rows(year)
    if country:
        rows = rows.filter(project_id__in=Label.objects.filter(kind=LabelKind.NQL, year=year, country=country)
                           .values("project_id"))
    if candidates_only:
        rows = rows.filter(candidate=1)
    if min_average is not None:
        rows = rows.filter(average__gt=min_average)
    totals = rows.aggregate(total=Count("project_id"), candidates=Sum("candidate"))
    page = list(rows[offset:offset + limit] if limit is not None else rows[offset:])
    # The shown projects' titles and founders, and their nominations: by id for a page, by year
    # (no long list of ids) when every project is asked for.
    if limit is None:
        shown_qs = Project.objects.filter(pk__in=Label.objects.filter(kind=LabelKind.NQL, year=year)
                                          .values("project_id"))
        nominations_qs = EqlNomination.objects.filter(selection__year=year)
    else:
        ids = [r["project_id"] for r in page]
        shown_qs = Project.objects.filter(pk__in=ids)
        nominations_qs = EqlNomination.objects.filter(selection__year=year, project_id__in=ids)
    shown = {pk: (title, founders) for pk, title, founders in
             shown_qs.values_list("id", "title", "founder_countries")}
    nominations: dict[int, list[str]] = defaultdict(list)
    for project_id, nominating in nominations_qs.values_list("project_id", "country"):
        nominations[project_id].append(nominating)
    candidacy: dict[tuple, Refusal | None] = {}  # the rule is pure: asked once per distinct input
    projects = []
    for r in page:
        title, founder_countries = shown[r["project_id"]]
        founder_countries = list(founder_countries or [])
        nql = sorted(r["countries"].split(","))
        key = (r["scope"], tuple(founder_countries), tuple(nql))
        if key not in candidacy:
            candidacy[key] = rules.eql_candidacy_refusal(scope=r["scope"], founder_countries=founder_countries,
                                                         nql_countries=nql, year=year)
        projects.append(EqlProject(
            project_id=r["project_id"], title=title, scope=r["scope"], founder_countries=founder_countries,
            nql_countries=nql, average=r["average"], candidacy=candidacy[key],
            nominated_by=sorted(nominations.get(r["project_id"], []))))
    return EqlOverview(year=year, total=totals["total"] or 0, candidates=totals["candidates"] or 0,
                       quotas=eql_quotas(year), nominated=nominations_by_country(year), projects=projects)


def eql_project_facts(project, year: int) -> EqlProject:
    nql = sorted(set(Label.objects.filter(kind=LabelKind.NQL, year=year, project=project)
                     .values_list("country", flat=True)))
    average = (LabelApplication.objects.filter(project=project, year=year, evaluation_status=EvaluationStatus.AWARDED)
               .aggregate(avg=Avg("total"))["avg"])
    return EqlProject(project_id=project.pk, title=project.title, scope=project.scope,
                      founder_countries=list(project.founder_countries or []), nql_countries=nql, average=average,
                      candidacy=rules.eql_candidacy_refusal(scope=project.scope,
                                                            founder_countries=project.founder_countries or [],
                                                            nql_countries=nql, year=year))


def selection_for(year: int, *, for_update: bool = False) -> EqlSelection | None:
    qs = EqlSelection.objects.select_for_update() if for_update else EqlSelection.objects
    return qs.filter(year=year).first()


def project_eql_explanation(project) -> Refusal | None:
    """The project page explains why a national project is never a candidate (None otherwise)."""
    return national_project_refusal(scope=project.scope, founder_countries=project.founder_countries or [])


# --- School Label -----------------------------------------------------------------------------

@dataclass
class SchoolEligibility:
    reasons: list[Refusal]
    active_teachers: int
    european_nql_projects: int

    @property
    def eligible(self) -> bool:
        return not self.reasons


def school_label_eligibility(school, now=None) -> SchoolEligibility:
    now = now or timezone.now()
    since = rules.two_years_before(now)
    members = Membership.objects.filter(school=school, status=MembershipStatus.APPROVED)
    # Active: logged in, or joined a project with this school, in the last two years.
    active = (members.filter(Q(user__last_login__gte=since)
                             | Q(user__project_memberships__school=school,
                                 user__project_memberships__joined_at__gte=since))
              .values("user_id").distinct().count())
    european_nql = (Label.objects.filter(kind=LabelKind.NQL, awarded_at__gte=since, project__scope="european",
                                         project__members__school=school)
                    .values("project_id").distinct().count())
    reasons = rules.school_label_reasons(registered_at=school.created_at, now=now, active_teachers=active,
                                         european_nql_projects=european_nql)
    return SchoolEligibility(reasons=reasons, active_teachers=active, european_nql_projects=european_nql)


def school_label_applications_for(user) -> QuerySet[SchoolLabelApplication]:
    countries = staff_reach(user, Capability.DECIDE_SCHOOL_LABEL).countries
    return (SchoolLabelApplication.objects.filter(school__country__in=countries)
            .select_related("school", "applicant").order_by("status", "submitted_at"))


def school_label_application_for_user(user, application_id: int, *, for_update=False) -> SchoolLabelApplication:
    qs = SchoolLabelApplication.objects.select_related("school")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    application = qs.filter(pk=application_id).first() if user.is_authenticated else None
    if application is None or not (staff_reach(user, Capability.SEE_LABELS).covers(application.school.country)
                                   or application.applicant_id == user.pk):
        raise not_found()
    return application


def approved_school_of(user, school_id: int):
    membership = (Membership.objects.filter(user=user, school_id=school_id, status=MembershipStatus.APPROVED)
                  .select_related("school").first()) if user.is_authenticated else None
    if membership is None:
        raise not_found()
    return membership.school


def eligible_schools_of(user) -> list:
    """The teacher's approved schools that are eligible and have not applied this year (the invitation)."""
    if not user.is_authenticated:
        return []
    year = timezone.localdate().year
    schools = [m.school for m in Membership.objects.filter(user=user, status=MembershipStatus.APPROVED)
               .select_related("school")]
    applied = set(SchoolLabelApplication.objects.filter(school__in=schools, year=year)
                  .values_list("school_id", flat=True))
    return [s for s in schools if s.pk not in applied and school_label_eligibility(s).eligible]
