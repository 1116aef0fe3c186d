"""Positions in the teachers' yearly label counters, in application-time order (rule 8: "the
first N applications of a teacher's year, by application time, are evaluated").

The labels file is grouped by project, so the import first numbers applications in file order;
when the file is complete (and when a claim joins a placeholder's applications to an account's
own), each affected teacher-year is renumbered by application time and every application not
decided yet gets its status again from the labels app's own rule (`labels.rules`)."""

from dataclasses import dataclass

from django.db.models import Count

from twinhub.labels import rules as label_rules
from twinhub.labels.models import EvaluationStatus, LabelApplication, YearCounter
from twinhub.labels.selectors import policy_for
from twinhub.projects.models import ProjectMember

# Decided (awarded, rejected) or being evaluated: the position changes, the status stays.
UNDECIDED = (EvaluationStatus.QUEUED, EvaluationStatus.OVER_YEARLY_LIMIT, EvaluationStatus.TOO_MANY_MEMBERS)
_FIELDS = ("id", "applicant_id", "year", "submitted_at", "position_in_year", "evaluation_status", "country",
           "project_id", "members_from_country", "yearly_limit", "member_limit", "legacy_id")
_CHUNK = 2000


@dataclass(slots=True)
class Renumbered:
    application: LabelApplication
    members: int
    policy: label_rules.Policy


def _order(application: LabelApplication):
    # Same time: old-platform ids (creation order) first, then new applications by id; never
    # the database id of a legacy row, which a resumed import may have assigned differently.
    legacy = application.legacy_id
    if legacy:
        return application.submitted_at, 0, int(legacy[1:]) if legacy[1:].isdigit() else 0, legacy
    return application.submitted_at, 1, application.pk, ""


def _member_counts(project_ids) -> dict[tuple[int, str], int]:
    counts: dict[tuple[int, str], int] = {}
    ids = sorted(project_ids)
    for start in range(0, len(ids), _CHUNK):
        for project, country, n in (ProjectMember.objects.filter(project_id__in=ids[start:start + _CHUNK])
                                    .values("project_id", "country").annotate(n=Count("id"))
                                    .values_list("project_id", "country", "n")):
            counts[(project, country)] = n
    return counts


def renumber(applications) -> list[Renumbered]:
    """Renumber every teacher-year of `applications` (a queryset that holds whole teacher-years)
    by application time, re-derive the status of those not decided, and make each yearly
    counter at least the number of applications. Returns what was renumbered."""
    by_year: dict[tuple[int, int], list[LabelApplication]] = {}
    for application in applications.only(*_FIELDS).order_by():
        by_year.setdefault((application.applicant_id, application.year), []).append(application)
    undecided = [a for rows in by_year.values() for a in rows if a.evaluation_status in UNDECIDED]
    members = _member_counts({a.project_id for a in undecided})
    policies: dict[str, label_rules.Policy] = {}
    changed, done = [], []
    for rows in by_year.values():
        rows.sort(key=_order)
        for position, application in enumerate(rows, start=1):
            before = (application.position_in_year, application.evaluation_status)
            application.position_in_year = position
            country = application.country
            policy = policies.get(country) or policies.setdefault(country, policy_for(country))
            count = members.get((application.project_id, country), 0)
            if application.evaluation_status in UNDECIDED:
                reasons = label_rules.application_evaluability(
                    is_member=True, project_started=True, already_applied=False, scope="european", policy=policy,
                    country=country, window_open=True, next_opening=None, position_in_year=position,
                    year=application.year, members_from_country=count, submitted=True)
                application.evaluation_status = label_rules.evaluation_status_for(reasons)
                application.members_from_country = count
                application.yearly_limit = policy.max_applications_per_year
                application.member_limit = policy.max_members_from_country
                changed.append(application)
            elif before[0] != position:
                changed.append(application)
            done.append(Renumbered(application, count, policy))
    if changed:
        ids = [a.pk for a in changed]
        for start in range(0, len(ids), _CHUNK):  # free the positions first: they are unique per teacher-year
            LabelApplication.objects.filter(pk__in=ids[start:start + _CHUNK]).update(position_in_year=None)
        LabelApplication.objects.bulk_update(changed, ["position_in_year", "evaluation_status",
                                                       "members_from_country", "yearly_limit", "member_limit"],
                                             batch_size=500)
    _counters({key: len(rows) for key, rows in by_year.items()})
    return done


def _counters(sizes: dict[tuple[int, int], int]) -> None:
    users = sorted({u for u, _y in sizes})
    existing = {}
    for start in range(0, len(users), _CHUNK):
        for counter in YearCounter.objects.filter(user_id__in=users[start:start + _CHUNK]):
            existing[(counter.user_id, counter.year)] = counter
    new, grown = [], []
    for (user, year), n in sizes.items():
        counter = existing.get((user, year))
        if counter is None:
            new.append(YearCounter(user_id=user, year=year, submitted=n))
        elif counter.submitted < n:  # positions are never given back: a counter only grows
            counter.submitted = n
            grown.append(counter)
    YearCounter.objects.bulk_create(new, batch_size=1000)
    YearCounter.objects.bulk_update(grown, ["submitted"], batch_size=1000)


def renumber_years(pairs) -> list[Renumbered]:
    """Renumber the given (teacher, year) pairs."""
    done = []
    by_user: dict[int, set[int]] = {}
    for user, year in pairs:
        by_user.setdefault(user, set()).add(year)
    for user, years in by_user.items():
        done += renumber(LabelApplication.objects.filter(applicant_id=user, year__in=years))
    return done
