"""Benchmark: the NSS dashboard and the validator queue over N generated pending memberships
(default 100,000) on PostgreSQL, next to a plain primary-key lookup and a `SELECT count(*)` of
the memberships table measured in the same run.

    .venv/bin/python bench/dashboard.py [--memberships 100000] [--database twinhub_bench_dashboard]

The database is dropped and created afresh. Prints one line per measurement and a last line of
key=value pairs.
"""

import argparse
import random
import time
from datetime import timedelta

from common import fresh_database, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--memberships", type=int, default=100_000)
    parser.add_argument("--database", default="twinhub_bench_dashboard")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    fresh_database(args.database)
    seed(args.memberships)
    measure(args.repeat, args.memberships)


def seed(n: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from twinhub.accounts.models import Profile, User
    from twinhub.geography.countries import tr_provinces
    from twinhub.schools.models import Membership, School, SchoolType
    from twinhub.staff.models import StaffRole

    rng = random.Random(1)
    started = time.perf_counter()
    provinces = list(tr_provinces())
    schools = School.objects.bulk_create([
        School(legal_name=f"School {i}", public_name=f"School {i}", country="TR" if i % 3 else "IT",
               region=provinces[i % 81] if i % 3 else "", city="City", school_type=SchoolType.PRIMARY,
               school_number=str(i), principal_name="P", principal_email=f"p{i}@example.org", name_key=f"school {i}")
        for i in range(max(n // 20, 1))], batch_size=5000)
    users = User.objects.bulk_create([User(email=f"t{i}@bench.example", password="!") for i in range(n)],
                                     batch_size=5000)
    Profile.objects.bulk_create([Profile(user=u, country="TR") for u in users], batch_size=5000)
    now = timezone.now()
    memberships = []
    for i, user in enumerate(users):
        school = schools[rng.randrange(len(schools))]
        memberships.append(Membership(user=user, school=school, status="pending" if i % 4 else "approved",
                                      principal_token=f"tok{i}", school_country=school.country,
                                      school_region=school.region))
    Membership.objects.bulk_create(memberships, batch_size=5000)
    with connection.cursor() as cursor:  # spread the waiting times over a year
        cursor.execute("UPDATE schools_membership SET requested_at = now() - (id % 365) * interval '1 day'")
        cursor.execute("ANALYZE")
    nss = User.objects.create(email="nss@bench.example")
    StaffRole.objects.create(user=nss, kind="nss", country="TR")
    coordinator = User.objects.create(email="coord@bench.example")
    StaffRole.objects.create(user=coordinator, kind="coordinator", country="TR", region="TR-06")
    print(f"seeded memberships={n} schools={len(schools)} in {time.perf_counter() - started:.1f} s "
          f"(now={now - timedelta(0):%Y-%m-%d})")


def measure(repeat: int, n: int) -> None:
    from django.db import connection
    from django.test import Client

    from twinhub.accounts.models import User
    from twinhub.schools.models import Membership

    nss = User.objects.get(email="nss@bench.example")
    coordinator = User.objects.get(email="coord@bench.example")
    some_id = Membership.objects.order_by("id").values_list("id", flat=True)[n // 2]

    def pk_lookup():
        Membership.objects.filter(pk=some_id).values_list("status", flat=True).first()

    def count_all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM schools_membership")
            cursor.fetchone()

    clients = {}
    for name, user in (("nss", nss), ("coordinator", coordinator)):
        client = Client()
        client.force_login(user)
        clients[name] = client

    results = {
        "pk_lookup": timed(pk_lookup, repeat),
        "select_count": timed(count_all, repeat),
        "dashboard_nss": timed(lambda: clients["nss"].get("/nss/dashboard/"), repeat),
        "dashboard_coordinator": timed(lambda: clients["coordinator"].get("/nss/dashboard/"), repeat),
        "queue_nss": timed(lambda: clients["nss"].get("/validation/"), repeat),
        "queue_coordinator": timed(lambda: clients["coordinator"].get("/validation/"), repeat),
    }
    for name, t in results.items():
        print(f"{name:24} p50={t.p50:8.2f} ms  p95={t.p95:8.2f} ms")
    base = results["select_count"].p50
    print(" ".join([f"memberships={n}"] + [f"{k}_p50_ms={v.p50:.2f}" for k, v in results.items()]
                   + [f"dashboard_nss_vs_count={results['dashboard_nss'].p50 / base:.2f}"]))


if __name__ == "__main__":
    main()
