"""The NSS and coordinator dashboard: a fixed, small number of GROUP BY queries, whatever the
number of rows. Each table is a list of dicts so the page, the SVG charts and the CSV export
share it."""

from datetime import timedelta

from django.db.models import Case, Count, IntegerField, Min, Q, When
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from twinhub.geography.countries import country_name, region_name
from twinhub.helpcentre.models import SupportRequest, SupportStatus
from twinhub.labels.selectors import applications_by_status
from twinhub.projects.models import Project, ProjectMember
from twinhub.schools.models import Membership, MembershipStatus
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach, staff_roles_of

AGE_BUCKETS = [(0, 7), (8, 30), (31, 90), (91, None)]


def dashboard_scope(user, country: str = "") -> dict | None:
    """What this user's dashboard covers: None if they have no dashboard."""
    reach = staff_reach(user, Capability.NATIONAL_DASHBOARD)
    countries = set(reach.countries)
    provinces = {(r.country, r.region) for r in staff_roles_of(user) if r.kind == "coordinator"}
    if reach.everywhere:
        return {"countries": {country} if country else None, "provinces": set(), "national": True}
    if countries:
        chosen = {country} & countries if country else countries
        return {"countries": chosen or countries, "provinces": set(), "national": True}
    if provinces:
        return {"countries": {c for c, _r in provinces}, "provinces": provinces, "national": False}
    return None


def age_bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return _("over %(days)d days") % {"days": low - 1}
    return _("%(low)d–%(high)d days") % {"low": low, "high": high}


def scope_schools_q(scope: dict) -> Q:
    """The scope as a filter over memberships' schools: the same rows as the validator's own scope
    (`validator_scope_q`) narrowed to the chosen countries, computed from the scope alone so one
    precomputed table serves everyone of that scope (decision 31)."""
    if scope["national"]:
        return Q() if scope["countries"] is None else Q(school__country__in=sorted(scope["countries"]))
    q = Q(pk__in=[])
    for country, region in sorted(scope["provinces"]):
        q |= Q(school__country=country, school__region=region)
    return q


def pending_memberships(scope: dict) -> list[dict]:
    """Pending memberships per region, split by how long teachers have waited."""
    now = timezone.now()
    qs = Membership.objects.filter(status=MembershipStatus.PENDING).filter(scope_schools_q(scope))
    buckets = {}
    for i, (low, high) in enumerate(AGE_BUCKETS):
        cond = Q(requested_at__lte=now - timedelta(days=low))
        if high is not None:
            cond &= Q(requested_at__gt=now - timedelta(days=high + 1))
        buckets[f"b{i}"] = Count(Case(When(cond, then=1), output_field=IntegerField()))
    rows = (qs.values("school__country", "school__region").annotate(total=Count("id"), oldest=Min("requested_at"),
                                                                      **buckets)
            .order_by("-total", "school__country", "school__region"))
    return [{
        "country": row["school__country"], "region": row["school__region"],
        "place": (f"{region_name(row['school__region'])} ({row['school__region']})" if row["school__region"]
                  else country_name(row["school__country"])),
        "total": row["total"], "waited_days": (now - row["oldest"]).days,
        "buckets": [row[f"b{i}"] for i in range(len(AGE_BUCKETS))],
    } for row in rows[:200]]


def projects_per_week(scope: dict, weeks: int = 12) -> list[dict]:
    """Projects created per week, national and European, founded by teachers of these countries."""
    since = timezone.now() - timedelta(weeks=weeks)
    qs = Project.objects.filter(created_at__gte=since).exclude(scope="")
    if scope["countries"] is not None:
        founders = ProjectMember.objects.filter(role="founder", country__in=scope["countries"])
        qs = qs.filter(pk__in=founders.values("project_id"))
    rows = (qs.annotate(week=TruncWeek("created_at")).values("week")
            .annotate(national=Count("id", filter=Q(scope="national")),
                      european=Count("id", filter=Q(scope="european")))
            .order_by("week"))
    return [{"week": row["week"].date() if hasattr(row["week"], "date") else row["week"],
             "national": row["national"], "european": row["european"]} for row in rows]


def support_load(scope: dict) -> list[dict]:
    qs = SupportRequest.objects.all()
    if scope["countries"] is not None:
        qs = qs.filter(country__in=scope["countries"])
    counts = dict(qs.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return [{"status": value, "label": str(label), "count": counts.get(value, 0)}
            for value, label in SupportStatus.choices]


def quality_label_pipeline(scope: dict) -> list[dict]:
    """Quality Label applications of these countries by evaluation status."""
    return applications_by_status(countries=scope["countries"])
