"""Benchmark: the NSS dashboard and the validator queue over N generated pending memberships
(default 100,000) on PostgreSQL, next to a plain primary-key lookup and a `SELECT count(*)` of
the memberships table measured in the same run.

    .venv/bin/python bench/dashboard.py [--memberships 100000] [--database twinhub_bench_dashboard]

The database is dropped and created afresh. Prints one line per measurement and a last line of
key=value pairs.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--memberships", type=int, default=100_000)
    parser.add_argument("--database", default="twinhub_bench_dashboard")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    for sql in (f"DROP DATABASE IF EXISTS {args.database}", f"CREATE DATABASE {args.database}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql, "postgres"], check=True)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("TWINHUB_DEV", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "twinhub.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
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
                                      principal_token=f"tok{i}"))
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


def timed(func, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


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
    for name, (p50, p95) in results.items():
        print(f"{name:24} p50={p50:8.2f} ms  p95={p95:8.2f} ms")
    base = results["select_count"][0]
    print(" ".join([f"memberships={n}"] + [f"{k}_p50_ms={v[0]:.2f}" for k, v in results.items()]
                   + [f"dashboard_nss_vs_count={results['dashboard_nss'][0] / base:.2f}"]))


if __name__ == "__main__":
    main()
