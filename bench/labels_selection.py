"""Benchmark: the Quality Label yearly limit and the European Quality Label selection over N
applications (default 90,000) on PostgreSQL, next to a plain SELECT count(*) of the same table.

    .venv/bin/python bench/labels_selection.py [--applications 90000] [--database twinhub_bench_labels]

Figures measured:
- the pre-check of one teacher (the yearly-limit evaluation done on every page view and submission);
- the yearly limit re-evaluated for the whole table: every application's position among its
  teacher's applications of the year (window function), counting those over the limit;
- the EQL overview of the year (`labels.selectors.eql_overview`: NQL countries, averages and candidacy
  aggregated per project in SQL, quotas per country, nominations): the first page (200 rows, what the
  CSS page and the API show), and every NQL project at once (`limit=None`, like for like with the
  former Python version that built all of them);
- an NSS's nomination page data for Türkiye (the country's NQL projects, quota and nominations).

The database is dropped and created afresh. Prints figures; asserts nothing.
"""

import argparse
import random
import time

from common import fresh_database, timed


def _median_and_result(timing):
    return timing.p50, timing.result

def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=90_000)
    parser.add_argument("--database", default="twinhub_bench_labels")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    fresh_database(args.database)
    from django.db import connection
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber
    from django.utils import timezone

    from twinhub.accounts.models import User
    from twinhub.labels.models import Label, LabelApplication, YearCounter
    from twinhub.labels.selectors import eql_overview, precheck_for
    from twinhub.projects.models import Project, ProjectMember

    rng = random.Random(7)
    n = args.applications
    year = timezone.localdate().year
    countries = ["TR"] * 6 + ["IT", "PL", "ES", "RO", "GR", "PT", "FR", "DE"]
    started = time.perf_counter()
    teachers = User.objects.bulk_create([User(email=f"t{i}@bench.example", password="!") for i in range(n // 3)],
                                        batch_size=5000)
    projects = Project.objects.bulk_create([
        Project(title=f"Project {i}", state="open", scope="national" if i % 5 == 0 else "european",
                founder_countries=["TR", "TR"] if i % 5 == 0 else ["TR", "IT"]) for i in range(n // 2)],
        batch_size=5000)
    teacher_country = {t.pk: rng.choice(countries) for t in teachers}
    now = timezone.now()
    applications, members, seen = [], [], set()
    counters: dict[int, int] = {}
    while len(applications) < n:
        t, p = rng.choice(teachers), rng.choice(projects)
        if (t.pk, p.pk) in seen:
            continue
        seen.add((t.pk, p.pk))
        position = counters[t.pk] = counters.get(t.pk, 0) + 1
        awarded = position <= 4 and rng.random() < 0.4
        applications.append(LabelApplication(
            project=p, applicant=t, country=teacher_country[t.pk], year=year, position_in_year=position,
            pedagogy="x", curriculum="x", collaboration="x", technology="x", results="x",
            evaluation_status="awarded" if awarded else ("queued" if position <= 4
                                                         else "not_evaluated_over_yearly_limit"),
            total=rng.randint(10, 50) if awarded else None))
        members.append(ProjectMember(project=p, user=t, country=teacher_country[t.pk], role="member"))
    LabelApplication.objects.bulk_create(applications, batch_size=5000)
    ProjectMember.objects.bulk_create(members, batch_size=5000, ignore_conflicts=True)
    YearCounter.objects.bulk_create([YearCounter(user_id=u, year=year, submitted=c) for u, c in counters.items()],
                                    batch_size=5000)
    Label.objects.bulk_create([Label(kind="nql", year=year, country=a.country, holder_id=a.applicant_id,
                                     project_id=a.project_id, application=a, awarded_at=now)
                               for a in applications if a.evaluation_status == "awarded"], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {n:,} applications, {len(teachers):,} teachers, {len(projects):,} projects, "
          f"{Label.objects.count():,} NQLs in {time.perf_counter() - started:.1f}s")

    def plain_count():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {LabelApplication._meta.db_table}")
            return cursor.fetchone()[0]

    busiest = max(counters, key=counters.get)
    busy_user = User.objects.get(pk=busiest)
    busy_project = Project.objects.prefetch_related("members").get(
        pk=LabelApplication.objects.filter(applicant_id=busiest).values_list("project_id", flat=True)[:1][0])

    def whole_table_limit():
        ranked = LabelApplication.objects.filter(year=year).annotate(
            rank=Window(RowNumber(), partition_by=[F("applicant_id")], order_by=[F("submitted_at"), F("id")]))
        return sum(1 for rank in ranked.values_list("rank", flat=True) if rank > 4)

    count_ms, count = _median_and_result(timed(plain_count, args.repeat))
    precheck_ms, check = _median_and_result(timed(lambda: precheck_for(busy_user, busy_project), args.repeat))
    limit_ms, over = _median_and_result(timed(whole_table_limit, args.repeat))
    eql_ms, overview = _median_and_result(timed(lambda: eql_overview(year), args.repeat))
    eql_all_ms, everything = _median_and_result(timed(lambda: eql_overview(year, limit=None), args.repeat))
    nss_ms, turkey = _median_and_result(timed(lambda: eql_overview(year, country="TR", limit=100), args.repeat))
    shown_candidates = sum(1 for e in everything.projects if e.candidacy is None)
    print(f"{'measure':58} {'median ms':>10}  result")
    print(f"{'SELECT count(*) FROM labels_labelapplication':58} {count_ms:10.1f}  {count:,} rows")
    print(f"{'pre-check of the busiest teacher (yearly limit)':58} {precheck_ms:10.1f}  "
          f"position {check.position}, reasons {[r.code for r in check.reasons]}")
    print(f"{'yearly limit over the whole table (window function)':58} {limit_ms:10.1f}  {over:,} over the limit")
    print(f"{'EQL overview of the year, first page (SQL aggregates)':58} {eql_ms:10.1f}  "
          f"{overview.total:,} NQL projects, {overview.candidates:,} candidates, {len(overview.projects)} shown")
    print(f"{'EQL overview of the year, every NQL project':58} {eql_all_ms:10.1f}  "
          f"{len(everything.projects):,} built, {shown_candidates:,} candidates by the rule")
    print(f"{'NSS nomination page data (TR, first 100)':58} {nss_ms:10.1f}  "
          f"{turkey.total:,} TR NQL projects, quota {turkey.quotas.get('TR', 0)}")


if __name__ == "__main__":
    main()
