"""A soak of the cluster with locust: --users simulated teachers, coordinators and pupils
(bench/locustfile.py) for --minutes, through nginx and two app nodes, a Celery worker and beat, on
the database bench/cluster.py imported from the legacy generator.

    .venv/bin/pip install 'locust>=2.20'                     # or: pip install -e '.[bench]'
    .venv/bin/python bench/cluster.py --legacy /tmp/legacy-025   # once: imports th_cluster_bench
    .venv/bin/python bench/soak.py --users 50 --minutes 10

Prints locust's figures per page (requests, errors, p50/p95/p99 ms), and what an operator's
Prometheus would have scraped from an app node's /metrics every 5 s: the depth of each task queue,
the tasks the worker holds, task failures and retries (bounded means the queue comes back down),
with the machine's load average beside them. Asserts nothing.

    BENCH_PORT=8250 BENCH_REDIS_URL=redis://127.0.0.1:6379/8 .venv/bin/python bench/soak.py --database th_ops_s25
uses other ports (nginx, nodes at +1, +2, S3 at +5), another Redis database and an imported database."""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster import NODE_PORTS, PORT, ROOT, cluster  # noqa: E402  (bench/cluster.py, beside this file)

BIN = Path(sys.executable).parent


def prepare(database: str, out: Path) -> None:
    """Sessions of the founders of the 40 largest projects, of three coordinators, and pupil codes."""
    os.environ.update({"TWINHUB_DEV": "1", "DJANGO_SETTINGS_MODULE": "twinhub.settings",
                       "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from twinhub.accounts.models import User
    from twinhub.core.errors import ApplicationError
    from twinhub.projects.models import Project
    from twinhub.twinspace import services

    store = import_module(settings.SESSION_ENGINE).SessionStore

    def session_of(user) -> str:
        session = store()
        session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: user.get_session_auth_hash()})
        session.create()
        return session.session_key

    data = {"teachers": [], "coordinators": [], "pupils": []}
    projects = Project.objects.annotate(n=Count("members")).filter(founder__isnull=False).order_by("-n", "id")[:200]
    for project in projects:
        if len(data["teachers"]) == 40:
            break
        founder = project.founder
        if not founder.is_active:
            User.objects.filter(pk=founder.pk).update(is_active=True)
            founder.refresh_from_db()
        browser = Client()
        browser.force_login(founder)
        posted = browser.post(f"/twinspace/{project.pk}/forum/", {"title": "Soak", "body": "Hi"})
        if posted.status_code != 302:
            continue  # a TwinSpace that is archived or closed (most old projects): read-only, not this journey
        data["teachers"].append({"session": session_of(founder), "project": project.pk})
        if len(data["pupils"]) < 20:
            try:
                _pupil, code = services.pupil_create(project_id=project.pk, alias=f"Soak {time.time_ns()}", user=founder)
            except ApplicationError as refusal:
                print(f"no pupil in project {project.pk}: {refusal}")
                continue
            pupil = Client()
            if (pupil.post("/twinspace/pupils/login/", {"code": code}).status_code == 302
                    and pupil.get(f"/twinspace/{project.pk}/materials/").status_code == 200):
                data["pupils"].append({"code": code, "project": project.pk})
    for region in ("TR-06", "TR-34", "TR-35"):
        email = f"soak.{region.lower()}@bench.test"
        call_command("create_account", email, country="TR", region=region, role="coordinator",
                     password="bench-password", stdout=open(os.devnull, "w"))  # noqa: SIM115
        data["coordinators"].append(session_of(User.objects.get(email=email)))
    out.write_text(json.dumps(data))
    print(f"{len(data['teachers'])} teachers, {len(data['coordinators'])} coordinators, {len(data['pupils'])} pupils")


def warm_up(data: dict) -> None:
    """Each worker's first render of a page compiles its templates: not what the soak measures."""
    import urllib.request

    teacher = data["teachers"][0]
    pages = ["/dashboard/", f"/projects/{teacher['project']}/", f"/twinspace/{teacher['project']}/",
             "/teachers/?q=ahmet", "/notifications/", f"/twinspace/{teacher['project']}/forum/", "/coordinators/"]
    for _ in range(8):
        for page in pages:
            request = urllib.request.Request(f"http://127.0.0.1:{PORT}{page}",
                                             headers={"Cookie": f"sessionid={teacher['session']}"})
            urllib.request.urlopen(request, timeout=60).read()


METRIC = re.compile(r'^(twinhub_task_queue_depth|twinhub_tasks_reserved|twinhub_task_failures_total|'
                    r'twinhub_task_retries_total)(?:\{(?:queue|task)="([^"]*)"\})? ([0-9.e+]+)$', re.M)


def scrape() -> dict:
    """What Prometheus would read from an app node's /metrics (decision 16)."""
    text = urllib.request.urlopen(f"http://127.0.0.1:{NODE_PORTS[0]}/metrics", timeout=10).read().decode()
    figures: dict = {"depth": {}, "reserved": 0, "failures": 0, "retries": 0}
    for name, label, value in METRIC.findall(text):
        if name == "twinhub_task_queue_depth":
            figures["depth"][label] = int(float(value))
        elif name == "twinhub_tasks_reserved":
            figures["reserved"] = int(float(value))
        else:
            figures["failures" if "failures" in name else "retries"] += int(float(value))
    return figures


def sample(samples: list[dict], stop: threading.Event) -> None:
    started = time.monotonic()
    while not stop.wait(5):
        try:
            figures = scrape()
        except OSError as error:
            figures = {"error": str(error)}
        samples.append({"t": time.monotonic() - started, "load": os.getloadavg()[0], **figures})


def report_samples(samples: list[dict]) -> None:
    good = [s for s in samples if "depth" in s]
    print(f"\n/metrics of node 1 every 5 s: {len(good)} samples ({len(samples) - len(good)} unanswered)")
    print(f"{'minute':>6} {'queue depth max':>15} {'reserved max':>12} {'failures':>8} {'retries':>7} {'load 1 min':>10}")
    for minute in range(int(max((s["t"] for s in good), default=0) // 60) + 1):
        window = [s for s in good if minute * 60 <= s["t"] < (minute + 1) * 60]
        if window:
            print(f"{minute:>6} {max(sum(s['depth'].values()) for s in window):>15} "
                  f"{max(s['reserved'] for s in window):>12} {window[-1]['failures']:>8} {window[-1]['retries']:>7} "
                  f"{max(s['load'] for s in window):>10.1f}")
    if good:
        depths = [sum(s["depth"].values()) for s in good]
        print(f"queue depth: max {max(depths)}, mean {sum(depths) / len(depths):.1f}, last {depths[-1]} "
              f"(queues: {', '.join(sorted(good[-1]['depth']))})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="th_cluster_bench")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per node")
    args = parser.parse_args()
    data = Path("/tmp/twinhub-soak-data.json")
    prepare(args.database, data)
    results = Path("/tmp/twinhub-soak")
    samples: list[dict] = []
    stop = threading.Event()
    cluster("start", args.database, 2, args.workers, beat=True)
    warm_up(json.loads(data.read_text()))
    sampler = threading.Thread(target=sample, args=(samples, stop), daemon=True)
    sampler.start()
    load_before = os.getloadavg()
    try:
        subprocess.run([str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                        "-u", str(args.users), "-r", "5", "-t", f"{int(args.minutes * 60)}s",
                        "--host", f"http://127.0.0.1:{PORT}", "--csv", str(results), "--only-summary",
                        "--loglevel", "WARNING"], env={**os.environ, "SOAK_DATA": str(data)}, check=False)
    finally:
        stop.set()
        load_after = os.getloadavg()
        cluster("stop", args.database, 2, args.workers)
    print(f"\n{args.users} users, {args.minutes:g} min, through nginx and 2 nodes of {args.workers} workers; "
          f"load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} / {load_after[1]:.1f} / "
          f"{load_after[2]:.1f} at the end, {os.cpu_count()} cores")
    print(f"{'page':37} {'requests':>9} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    with open(f"{results}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            name = f"{row['Type']} {row['Name']}".strip()
            print(f"{name[:37]:37} {row['Request Count']:>9} {row['Failure Count']:>7} "
                  f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}")
    with open(f"{results}_failures.csv") as handle:
        for row in csv.DictReader(handle):
            print(f"failure: {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']} times)")
    report_samples(samples)


if __name__ == "__main__":
    main()
