"""Benchmark: the validator queue (rule 1) over N pending memberships (default 100,000) on
PostgreSQL: the first page and its count for a TR-06 coordinator, NSS Türkiye, NSS Italy and
CSS, with and without filters, plus the plan PostgreSQL chooses for the coordinator's page.

    .venv/bin/python bench/validation_queue.py [--memberships 100000] [--database twinhub_bench_queue]

The database is dropped and created afresh. Prints figures; asserts nothing.
"""

import argparse
import random
import time
from datetime import timedelta

from common import fresh_database, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--memberships", type=int, default=100_000)
    parser.add_argument("--database", default="twinhub_bench_queue")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    fresh_database(args.database)
    from django.db import connection
    from django.utils import timezone

    from twinhub.accounts.models import User
    from twinhub.geography.countries import tr_provinces
    from twinhub.schools.models import Membership, School
    from twinhub.schools.rules import school_name_key
    from twinhub.schools.selectors import queue_filter_choices, validation_queue
    from twinhub.staff.models import StaffRole

    rng = random.Random(1)
    started = time.perf_counter()
    places = [("TR", code) for code in tr_provinces()] * 3 + [("IT", ""), ("PL", ""), ("ES", "")] * 20
    schools = School.objects.bulk_create([
        School(legal_name=f"School {i}", public_name=f"School {i}", country=c, region=r, city="X",
               school_type="primary", school_number=str(i), principal_name="P", principal_email="p@x.example",
               name_key=school_name_key(f"School {i}"))
        for i, (c, r) in enumerate(rng.choice(places) for _ in range(max(args.memberships // 20, 100)))])
    users = User.objects.bulk_create([User(email=f"t{i}@bench.example", password="!") for i in range(args.memberships)],
                                     batch_size=5000)
    now = timezone.now()
    chosen = [rng.choice(schools) for _u in users]
    Membership.objects.bulk_create([
        Membership(user=u, school=school, requested_at=now - timedelta(minutes=rng.randrange(60 * 24 * 90)),
                   principal_token=f"tok{u.pk}", school_country=school.country, school_region=school.region)
        for u, school in zip(users, chosen, strict=True)], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"setup: {len(schools)} schools, {args.memberships} pending memberships in {time.perf_counter() - started:.1f}s")

    def staff(kind, country="", region=""):
        user = User.objects.create(email=f"{kind}{country}{region}@bench.example", password="!")
        StaffRole.objects.create(user=user, kind=kind, country=country, region=region)
        return user

    validators = {
        "coordinator TR-06": staff("coordinator", "TR", "TR-06"),
        "NSS TR": staff("nss", "TR"),
        "NSS IT": staff("nss", "IT"),
        "CSS": staff("css"),
    }

    def measure(label, func):
        timing = timed(func, args.repeat)
        print(f"{label:<45} p50 {timing.p50:7.2f} ms  p95 {timing.p95:7.2f} ms")
        return timing.p50

    figures = {}
    for name, user in validators.items():
        def page(user=user):
            qs = validation_queue(user)
            return list(qs[:50]), qs.count()
        figures[name] = measure(f"queue page + count: {name}", page)
    css = validators["CSS"]
    measure("queue page: CSS, region TR-34", lambda: list(validation_queue(css, region="TR-34")[:50]))
    measure("queue page: CSS, waiting >= 60 days", lambda: list(validation_queue(css, min_age_days=60)[:50]))
    measure("queue page: CSS, one school", lambda: list(validation_queue(css, school_id=schools[7].pk)[:50]))
    measure("filter choices (from roles): NSS TR", lambda: queue_filter_choices(validators["NSS TR"]))
    measure("baseline: primary-key lookup", lambda: Membership.objects.filter(pk=users[5].pk).first())
    with connection.cursor() as cursor:
        sql, params = validation_queue(validators["coordinator TR-06"])[:50].query.sql_with_params()
        cursor.execute("EXPLAIN ANALYZE " + sql, params)
        print("plan (coordinator TR-06, first page):")
        for (line,) in cursor.fetchall():
            print("   ", line)
    print(" ".join(f"{k.replace(' ', '_')}_ms={v:.2f}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
