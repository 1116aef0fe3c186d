"""Reads about projects, permission-checked where a user is involved."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet

from twinhub.accounts.selectors import has_profile
from twinhub.contacts.models import Contact
from twinhub.contacts.selectors import contact_ids_of
from twinhub.core.collation import sorted_by_locale
from twinhub.core.errors import Refusal, not_found
from twinhub.core.paging import SeekPage, seek_page
from twinhub.core.prepared import PreparedQuery
from twinhub.core.queries import count_subquery
from twinhub.projects import rules
from twinhub.projects.models import (
    CountryProjectPolicy,
    Invitation,
    InvitationStatus,
    MemberRole,
    Project,
    ProjectMember,
    ProjectState,
)
from twinhub.schools.models import Membership
from twinhub.schools.rules import MembershipFacts, etwinner_refusal
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach

PUBLIC_STATES = (ProjectState.OPEN, ProjectState.CLOSED, ProjectState.ARCHIVED)
NEWEST_FIRST = ["-created_at", "-id"]  # the lists' order and paging key (the id breaks ties)


def _members_prefetch() -> Prefetch:
    return Prefetch("members", queryset=ProjectMember.objects.select_related("user", "school"))


def project_member_of(user, project) -> ProjectMember | None:
    """The user's membership of the project, or None. Uses prefetched members when present."""
    if not user.is_authenticated:
        return None
    cache = getattr(project, "_prefetched_objects_cache", {}).get("members")
    if cache is not None:
        return next((m for m in cache if m.user_id == user.pk), None)
    return ProjectMember.objects.filter(project=project, user=user).first()


def is_project_admin(user, project) -> bool:
    member = project_member_of(user, project)
    return member is not None and member.role in rules.ADMIN_ROLES


def founder_countries_of(projects) -> dict[int, list[str | None]]:
    """Rule 2's input: for each project, the country each founder's membership of the project
    carries (the school they joined with; None where the founder has no membership), in the order
    founder, co-founder. Two queries' worth at most, whatever the number of projects."""
    projects = list(projects)
    rows = {(p, u): c for p, u, c in ProjectMember.objects.filter(
        project_id__in=[p.pk for p in projects], role=MemberRole.FOUNDER).values_list("project_id", "user_id", "country")}
    return {p.pk: [rows.get((p.pk, user_id)) for user_id in (p.founder_id, p.cofounder_id) if user_id]
            for p in projects}


def is_nss_for_project(user, project) -> bool:
    return bool(staff_reach(user, Capability.APPROVE_PROJECTS).countries & set(project.founder_countries or ()))


def _can_see(user, project) -> bool:
    if project.state in PUBLIC_STATES and user.is_authenticated:
        return True
    if not user.is_authenticated:
        return False
    if user.pk in (project.founder_id, project.cofounder_id) or project_member_of(user, project):
        return True
    return project.state == ProjectState.AWAITING_APPROVAL and is_nss_for_project(user, project)


# Every project page asks it: compiled once (decision 54).
_PROJECT_WITH_MEMBERS = PreparedQuery(lambda project_id: Project.objects.prefetch_related(_members_prefetch())
                                      .filter(pk=project_id).order_by("pk")[:1], project_id=int)


def project_for_user(user, project_id: int, *, for_update: bool = False) -> Project:
    """A project the user may see (public once started; before that its founders and the NSS
    that must approve it); anything else is 'not found'."""
    if for_update:
        project = Project.objects.select_for_update().filter(pk=project_id).first()
    else:
        project = _PROJECT_WITH_MEMBERS.first(project_id=project_id)
    if project is None or not _can_see(user, project):
        raise not_found()
    return project


# What the project page shows of each member (projects_ui.member_rows, the successors' list): read
# alone, these columns made a page's members cost a third of what whole users and schools did.
PAGE_MEMBER_FIELDS = ("project_id", "user_id", "school_id", "role", "country", "user__first_name",
                      "user__last_name", "user__email", "school__public_name")
_PROJECT = PreparedQuery(lambda project_id: Project.objects.filter(pk=project_id).order_by("pk")[:1],
                         project_id=int)
_PAGE_MEMBERS = PreparedQuery(lambda project_id: ProjectMember.objects.select_related("user", "school")
                              .only(*PAGE_MEMBER_FIELDS).filter(project_id=project_id), project_id=int)


def project_page_for_user(user, project_id: int) -> Project:
    """`project_for_user` for the project page: the project, and its members with what the page
    shows of them, each from a query compiled once (decision 54)."""
    project = _PROJECT.first(project_id=project_id)
    if project is not None:
        _keep_prefetched(project, "members", list(_PAGE_MEMBERS.objects(project_id=project_id)))
    if project is None or not _can_see(user, project):
        raise not_found()
    return project


def _keep_prefetched(instance, name: str, rows: list) -> None:
    """Store `rows` where `prefetch_related(name)` stores what it read, so that `instance.<name>.all()`
    and `project_member_of` use them, as Django's prefetch stores them (`prefetch_one_level`)."""
    field = getattr(type(instance), name).field  # each row's foreign key to `instance`
    for row in rows:
        field.set_cached_value(row, instance)
    queryset = getattr(instance, name).all()
    queryset._result_cache, queryset._prefetch_done = rows, True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def members_from_country_rows(project, country: str) -> QuerySet[ProjectMember]:
    """The members counted for a country: the country fixed when each joined."""
    return ProjectMember.objects.filter(project=project, country=country)


def members_from_country(project, country: str) -> int:
    return members_from_country_rows(project, country).count()


def projects_of(user) -> QuerySet[Project]:
    """The user's projects, and the ones waiting for their answer as co-founder, newest first.
    The ids come from two index lookups joined by UNION: an OR of the two conditions made
    PostgreSQL read every project (decision 31). With member counts: `my_projects_page`."""
    mine = ProjectMember.objects.filter(user=user).order_by().values("project_id")
    asked = Project.objects.filter(cofounder=user, state=ProjectState.AWAITING_COFOUNDER).order_by().values("id")
    return Project.objects.filter(pk__in=mine.union(asked)).order_by(*NEWEST_FIRST)


LATEST_ON_HOME = 6
_LATEST_PROJECTS = PreparedQuery(lambda user_id: projects_of(user_id)[:LATEST_ON_HOME], user_id=int)


def latest_projects_of(user) -> list[Project]:
    """The newest few of `projects_of(user)`, for the teacher's home (decision 54)."""
    return _LATEST_PROJECTS.objects(user_id=user.pk)


MY_PROJECTS_PAGE_SIZE = 25


def projects_with_member_counts(user) -> QuerySet[Project]:
    """`projects_of(user)`, each project with its `member_count` (one query, whatever the page)."""
    return projects_of(user).annotate(
        member_count=count_subquery(ProjectMember.objects.filter(project=OuterRef("pk")), "project"))


# "My projects" asks these on every visit (decision 54): its first page, and the total (a teacher's
# projects are a few dozen at most: counted whole).
_MY_FIRST_PROJECTS = PreparedQuery(lambda user_id: projects_with_member_counts(user_id)[:MY_PROJECTS_PAGE_SIZE + 1],
                                   user_id=int)
_MY_PROJECT_COUNT = PreparedQuery(lambda user_id: projects_of(user_id).order_by().values("state")
                                   .annotate(n=Count("id")).values_list("n"), user_id=int)  # per state: summed


def my_projects_page(user, after: str = "", before: str = "") -> SeekPage:
    """A page of `projects_of(user)`, each project with its `member_count`."""
    counted = sum(n for n, in _MY_PROJECT_COUNT.rows(user_id=user.pk))
    return seek_page(projects_with_member_counts(user), NEWEST_FIRST, after, before, size=MY_PROJECTS_PAGE_SIZE,
                     counted=counted, first_rows=lambda: list(_MY_FIRST_PROJECTS.objects(user_id=user.pk)))


def pending_invitations_of(user) -> QuerySet[Invitation]:
    return (Invitation.objects.filter(invitee=user, status=InvitationStatus.PENDING)
            .select_related("project", "inviter").order_by("-created_at"))


_PENDING_INVITATIONS = PreparedQuery(lambda user_id: pending_invitations_of(user_id).order_by()
                                     .values("invitee").annotate(n=Count("id")).values_list("n"), user_id=int)


def pending_invitation_count(user) -> int:
    """How many of `pending_invitations_of(user)` there are (the teacher's home, decision 54)."""
    return next((n for n, in _PENDING_INVITATIONS.rows(user_id=user.pk)), 0)


def invitation_for_user(user, invitation_id: int, *, for_update: bool = False) -> Invitation:
    qs = Invitation.objects.select_related("project")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    invitation = qs.filter(pk=invitation_id, invitee=user).first() if user.is_authenticated else None
    if invitation is None:
        raise not_found()
    return invitation


def approval_projects_for(user) -> list[Project]:
    """Projects waiting for this NSS (filtered in Python on SQLite, where JSON containment is missing)."""
    countries = staff_reach(user, Capability.APPROVE_PROJECTS).countries
    if not countries:
        return []
    qs = Project.objects.filter(state=ProjectState.AWAITING_APPROVAL).order_by("created_at", "id")
    return [p for p in qs if set(p.founder_countries) & countries]


def country_policies(countries) -> dict[str, bool]:
    return dict(CountryProjectPolicy.objects.filter(country__in=list(countries))
                .values_list("country", "require_nss_approval"))


# --- Rule 7 for many contacts at once --------------------------------------------------------------

@dataclass(frozen=True)
class InviteCandidate:
    user: object
    refusal: Refusal | None


def _facts(memberships) -> list[MembershipFacts]:
    return [MembershipFacts(school_name=m.school.public_name, country=m.school.country, region=m.school.region,
                            status=m.status, requested_at=m.requested_at, reason=m.reason)
            for m in memberships]


def person_etwinner_refusal(person, memberships) -> Refusal | None:
    """`schools.rules.etwinner_refusal` about someone else, from memberships loaded in bulk."""
    return etwinner_refusal(has_profile=has_profile(person), memberships=_facts(memberships),
                            person=person.display_name)


def invite_candidates(actor, project) -> list[InviteCandidate]:
    """Every contact of the actor, each with the refusal that would stop the invitation (None: can
    be invited). A fixed number of queries, however many contacts."""
    User = get_user_model()
    contact_ids = contact_ids_of(actor)
    people = sorted_by_locale(User.objects.filter(pk__in=contact_ids).select_related("profile").order_by("id"),
                              key=lambda person: f"{person.last_name} {person.first_name}")
    memberships: dict[int, list] = {p.pk: [] for p in people}
    for m in (Membership.objects.filter(user_id__in=contact_ids).select_related("school")
              .order_by("requested_at")):
        memberships[m.user_id].append(m)
    member_ids = set(ProjectMember.objects.filter(project=project).values_list("user_id", flat=True))
    invited_ids = set(Invitation.objects.filter(project=project, status=InvitationStatus.PENDING)
                      .values_list("invitee_id", flat=True))
    actor_is_admin = is_project_admin(actor, project)
    return [InviteCandidate(user=person, refusal=rules.invitation_refusal(
        inviter_is_admin=actor_is_admin, project_state=project.state, is_contact=True,
        is_member=person.pk in member_ids, has_pending_invitation=person.pk in invited_ids,
        invitee_etwinner_refusal=person_etwinner_refusal(person, memberships[person.pk]),
        invitee_available=is_available(person), invitee_name=person.display_name))
        for person in people]


def is_available(person) -> bool:
    """'Available for eTwinning projects' switched on (no profile: not available)."""
    return has_profile(person) and person.profile.available_for_projects


# --- Directory ---------------------------------------------------------------------------------

def directory_search(*, q: str = "", country: str = "", subject: str = "", age_range: str = "", scope: str = "",
                     state: str = "") -> QuerySet[Project]:
    """Public projects (started ones) matching the filters; country = a member's country."""
    qs = Project.objects.filter(state__in=PUBLIC_STATES)
    if state in PUBLIC_STATES:
        qs = qs.filter(state=state)
    if scope in (rules.NATIONAL, rules.EUROPEAN):
        qs = qs.filter(scope=scope)
    if q.strip():
        qs = qs.filter(Q(title__icontains=q.strip()) | Q(description__icontains=q.strip()))
    if country:
        qs = qs.filter(pk__in=ProjectMember.objects.filter(country=country.upper()).values("project_id"))
    # JSON list filters: a quoted value inside the stored list works on SQLite and PostgreSQL alike.
    if subject:
        qs = qs.filter(subjects__icontains=f'"{subject}"')
    if age_range:
        qs = qs.filter(age_ranges__icontains=f'"{age_range}"')
    return qs.order_by(*NEWEST_FIRST)


DIRECTORY_PAGE_SIZE = 20
# The directory without filters, as nearly every visit opens it: its first page compiled once (decision 54).
_DIRECTORY_FIRST = PreparedQuery(lambda: directory_search()[:DIRECTORY_PAGE_SIZE + 1])


def directory_page(*, after: str = "", before: str = "", **filters) -> SeekPage:
    """A page of `directory_search(**filters)`, newest first."""
    no_filter = not any(filters.values())
    return seek_page(directory_search(**filters), NEWEST_FIRST, after, before, size=DIRECTORY_PAGE_SIZE,
                     first_rows=(lambda: list(_DIRECTORY_FIRST.objects())) if no_filter else None)


def member_countries_by_project(projects) -> dict[int, list[str]]:
    """Countries of the members of these projects, in one query."""
    result: dict[int, set[str]] = {p.pk: set() for p in projects}
    for project_id, country in (ProjectMember.objects.filter(project__in=[p.pk for p in projects])
                                .values_list("project_id", "country").distinct()):
        result[project_id].add(country)
    return {k: sorted(v) for k, v in result.items()}


RECENT_JOINS = 6


def _recent_joins(user_id: int):
    contacts = Contact.objects.filter(user_id=user_id).values("other_id")
    return (ProjectMember.objects.filter(user_id__in=contacts, project__state__in=PUBLIC_STATES)
            .select_related("project", "user").order_by("-joined_at", "-id")[:RECENT_JOINS])


_RECENT_JOINS = PreparedQuery(_recent_joins, user_id=int)  # on every teacher's home (decision 54)


def recent_joins_of_contacts(user) -> list[ProjectMember]:
    """What the user's contacts did lately in projects anyone may see (a teacher's "contacts' news"):
    the newest joins, with the project and the person, in one query."""
    return _RECENT_JOINS.objects(user_id=user.pk)
