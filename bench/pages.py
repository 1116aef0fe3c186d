"""Requests/s, p50 and p99 of the nine main pages served by gunicorn (sync workers, production
settings with DEBUG off, PostgreSQL, Redis cache and sessions), next to a bare Django view measured
the same way in the same run, on a database already imported from the legacy generator.

    TWINHUB_DEV=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/th_pages_s100 \\
        .venv/bin/twinhub import-legacy /work/data/legacy-1.0        # once (~15 min at scale 1.0)
    .venv/bin/python bench/pages.py --database th_pages_s100          # measure (~2 min)

No nginx (bench/cluster.py measures through it): one gunicorn of --workers sync workers on --port,
ApacheBench (`ab -k`) with --clients keep-alive clients for --seconds per page, logged in as the
founder of the project with most members (dashboard, my projects, project page, TwinSpace home and
people, partner search, project directory), the teacher in most projects (my projects again), a provincial coordinator of Ankara (validation queue)
and NSS Türkiye (NSS dashboard). The Redis database --redis (cache and sessions) is emptied at
start; each page is warmed by 40 requests before it is measured. Prints a table and the load
average; asserts nothing."""

import argparse
import contextlib
import os
import resource
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from common import ab

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "pages-bench"


def environment(database: str, redis: str) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.cluster_settings", "PYTHONPATH": str(ROOT),
            # Production settings except what needs HTTPS (secure cookies, redirects): it is loopback.
            "TWINHUB_DEV": "1", "DEBUG": "0", "SECRET_KEY": "bench-pages-on-loopback-not-a-secret",
            "TWINHUB_VAR_DIR": str(VAR), "TWINHUB_STATIC_ROOT": str(VAR / "static"),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}", "REDIS_URL": redis,
            "LOG_LEVEL": "ERROR"}


def PAGES(ids: dict[str, int]) -> list[tuple[str, str, str | None]]:
    """(name, URL, role) of the measured pages, the bare view first."""
    return [
        ("bare Django view (baseline)", "/bench/bare/", None),
        ("dashboard", "/dashboard/", "founder"),
        ("my projects", "/projects/mine/", "founder"),
        ("my projects (most projects)", "/projects/mine/", "busiest"),
        ("project page", f"/projects/{ids['project']}/", "founder"),
        ("TwinSpace home", f"/twinspace/{ids['project']}/", "founder"),
        ("TwinSpace people", f"/twinspace/{ids['project']}/people/", "founder"),
        ("partner search", "/teachers/?q=ahmet&country=TR", "founder"),
        ("project directory", "/projects/", "founder"),
        ("validation queue (TR-06)", "/validation/", "coordinator"),
        ("NSS dashboard (TR)", "/nss/dashboard/", "nss"),
    ]


def prepare(env: dict[str, str], quiet: bool = False) -> tuple[dict[str, str], dict[str, int]]:
    """Migrations applied, static files collected, the aggregates refreshed, a session per role."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.db import connection

    from twinhub.accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "flushdb"], check=True, stdout=subprocess.DEVNULL)
    with connection.cursor() as cursor:  # the project with most members, without counting all of them
        cursor.execute("SELECT project_id, count(*) FROM projects_projectmember GROUP BY project_id "
                       "ORDER BY count(*) DESC, project_id LIMIT 1")
        project_id, members = cursor.fetchone()
        cursor.execute("SELECT founder_id FROM projects_project WHERE id = %s", [project_id])
        founder = User.objects.get(pk=cursor.fetchone()[0])
        cursor.execute("SELECT user_id, count(*) FROM projects_projectmember GROUP BY user_id "
                       "ORDER BY count(*) DESC, user_id LIMIT 1")
        busiest_id, busiest_projects = cursor.fetchone()
    busiest = User.objects.get(pk=busiest_id)
    for user in (founder, busiest):
        if not user.is_active:  # an old-platform placeholder: as if its owner had claimed it
            User.objects.filter(pk=user.pk).update(is_active=True)
            user.refresh_from_db()
    for email, options in (("bench.coordinator@bench.test", {"region": "TR-06", "role": "coordinator"}),
                           ("bench.nss@bench.test", {"role": "nss"})):
        call_command("create_account", email, country="TR", password="bench-password",
                     stdout=open(os.devnull, "w"), **options)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for role, user in (("founder", founder), ("busiest", busiest), ("coordinator", User.objects.get(email="bench.coordinator@bench.test")),
                       ("nss", User.objects.get(email="bench.nss@bench.test"))):
        session = store()
        session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: user.get_session_auth_hash()})
        session.create()
        keys[role] = session.session_key
    projects = founder.project_memberships.count()
    if not quiet:
        print(f"founder: {founder.email} (member of {projects} projects) of project {project_id} ({members} members); "
              f"busiest teacher: {busiest.email} (member of {busiest_projects} projects)")
    connection.close()
    return keys, {"project": project_id}


def serve(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    VAR.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "twinhub.wsgi"],
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers),
             "GUNICORN_ACCESSLOG": "", "GUNICORN_LOGLEVEL": "warning", "GUNICORN_PROC_NAME": "twinhub-bench-pages"},
        stdout=open(VAR / "gunicorn.log", "w"), stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=1)
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"gunicorn stopped: see {VAR / 'gunicorn.log'}")
            time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not answer in 60 s")


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # it ended
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def _pids(predicate) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
            if predicate(name, int(rest[1]), int(rest[2])):  # name, parent pid, process group
                pids.append(int(entry.name))
    return pids


class CpuSplit:
    """Where a page's CPU time goes, measured around one `ab` run: the app server (gunicorn's
    process group), the PostgreSQL backends serving this database (not other work on the server;
    the workers keep their connections), Redis and the client (ab). A process that starts during the
    run counts from zero; one that ends loses its share (rare: workers recycle, backends persist)."""

    def __init__(self, server: subprocess.Popen, database: str):
        self.server, self.database = server, database
        self.seconds: dict[str, float] = {}

    def _backends(self) -> list[int]:
        return list(map(int, subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc",
             f"SELECT pid FROM pg_stat_activity WHERE datname = '{self.database}' AND pid <> pg_backend_pid()",
             "postgres"], check=True, capture_output=True, text=True).stdout.split()))

    def _sample(self) -> dict[str, dict[int, float]]:
        pids = {"app": _pids(lambda name, ppid, pgrp: pgrp == self.server.pid), "postgres": self._backends(),
                "redis": _pids(lambda name, ppid, pgrp: name.startswith("redis-server"))}
        return {group: {pid: _cpu_seconds(pid) for pid in group_pids} for group, group_pids in pids.items()}

    @contextlib.contextmanager
    def __call__(self):
        before, children = self._sample(), resource.getrusage(resource.RUSAGE_CHILDREN)
        yield
        after, children_after = self._sample(), resource.getrusage(resource.RUSAGE_CHILDREN)
        self.seconds = {group: sum(cpu - before[group].get(pid, 0.0) for pid, cpu in after[group].items())
                        for group in after}
        self.seconds["client"] = (children_after.ru_utime + children_after.ru_stime
                                  - children.ru_utime - children.ru_stime)


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, help="a database imported with `twinhub import-legacy`")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/1")
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--only", help="measure only the pages whose name contains one of these (comma-separated)")
    args = parser.parse_args()
    env = environment(args.database, args.redis)
    keys, ids = prepare(env)
    pages = PAGES(ids)
    base = f"http://127.0.0.1:{args.port}"
    server = serve(env, args.port, args.workers)
    rows = []
    try:
        for name, url, role in pages:
            if args.only and role is not None and not any(part in name for part in args.only.split(",")):
                continue
            split = CpuSplit(server, args.database)
            rate, p50, p99, bad = ab(base + url, keys.get(role), clients=args.clients, seconds=args.seconds,
                                     around=split)
            requests = max(1, round(rate * args.seconds))
            rows.append((name, rate, p50, p99, bad,
                         {group: 1000 * seconds / requests for group, seconds in split.seconds.items()}))
    finally:
        stop(server)
    bare = rows[0][1]
    print(f"\n{args.database}: gunicorn {args.workers} sync workers, {args.clients} clients, {args.seconds} s per "
          f"page, {os.cpu_count()} CPU cores shared; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("CPU ms per request, measured around each run: app (gunicorn), postgres, redis, client (ab)")
    print(f"{'page':30} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'/ bare':>7}   {'app':>5} {'pg':>5} {'redis':>5} "
          f"{'ab':>5}")
    for name, rate, p50, p99, bad, cpu in rows:
        print(f"{name:30} {rate:8.1f} {p50:7d} {p99:7d} {rate / bare:7.3f}   {cpu['app']:5.1f} {cpu['postgres']:5.1f} "
              f"{cpu['redis']:5.1f} {cpu['client']:5.1f}" + (f"  ({bad} bad)" if bad else ""))


if __name__ == "__main__":
    main()
