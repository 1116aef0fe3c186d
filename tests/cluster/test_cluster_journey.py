"""The production topology on loopback (`make cluster`: nginx, two gunicorn nodes, PostgreSQL,
Redis, an S3 server, a Celery worker and beat) keeps a teacher's journey whole while one app node
is killed with SIGKILL: no request fails, the session survives, an uploaded file is served by both
nodes, and each notification e-mail is sent exactly once, by the worker."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests

from twinhub.testing import PASSWORD, needs_postgresql
from twinhub.testing.files import PDF
from twinhub.testing.servers import ROOT, Mailbox, database_url, free_port
from twinhub.testing.twinspace import World
from twinhub.twinspace import services

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    needs_postgresql(why="the app nodes, the worker and the test share one database, which needs a server"),
]
CLUSTER = [sys.executable, str(ROOT / "scripts" / "cluster.py")]


# The cluster's cache and broker: `make cluster`'s Redis database unless told another (a second checkout's
# suite running beside this one).
REDIS_URL = os.environ.get("TWINHUB_TEST_CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/2")


@pytest.fixture
def mailboxes():
    with Mailbox() as web, Mailbox() as worker:
        yield web, worker


def _missing() -> str | None:
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        return "nginx is not installed: run scripts/system-deps.sh cluster"
    if subprocess.run(["redis-cli", "-u", REDIS_URL, "ping"], capture_output=True).returncode:
        return "Redis is not running on 127.0.0.1:6379"
    return None


@pytest.fixture
def cluster(tmp_path, mailboxes):
    """scripts/cluster.py on the test database, on free ports; the web nodes and the worker send
    e-mail to two different SMTP servers, so each message shows which process sent it."""
    if missing := _missing():
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    web_mail, worker_mail = mailboxes
    ports = {"nginx": free_port(), "node1": free_port(), "node2": free_port(), "s3": free_port()}
    env = {**os.environ, "CLUSTER_DIR": str(tmp_path / "cluster"), "CLUSTER_SETUP": "0",
           "CLUSTER_PORT": str(ports["nginx"]), "CLUSTER_NODE_PORTS": f"{ports['node1']},{ports['node2']}",
           "CLUSTER_S3_PORT": str(ports["s3"]), "CLUSTER_NODE_WORKERS": "1",
           "TWINHUB_STATIC_ROOT": str(ROOT / "var" / "cluster-test-static"),  # collected once, kept
           "DATABASE_URL": database_url(), "REDIS_URL": REDIS_URL, "LOG_LEVEL": "WARNING",
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
           "CLUSTER_WEB_EMAIL_PORT": str(web_mail.port), "CLUSTER_WORKER_EMAIL_PORT": str(worker_mail.port)}
    env.pop("TWINHUB_S3_ENDPOINT_URL", None)
    try:
        # Minutes only on a loaded machine when the static files must be collected again.
        subprocess.run([*CLUSTER, "start"], env=env, check=True, timeout=300)
        yield ports, tmp_path / "cluster"
    finally:
        subprocess.run([*CLUSTER, "stop"], env=env, check=True, timeout=60)


def production_password(user) -> None:
    """The nodes run production settings, whose hashers do not read the tests' fast MD5 ones."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "clustersalt", iterations=1000)
    user.save(update_fields=["password"])


def log_in(base: str, email: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30).raise_for_status()
    response = session.post(f"{base}/accounts/login/", allow_redirects=False, timeout=30, data={
        "login": email, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/accounts/login/"})
    assert response.status_code == 302, response.text[:500]
    return session


def post(session: requests.Session, url: str, data: dict, files: dict | None = None) -> requests.Response:
    return session.post(url, data={**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]}, files=files,
                        allow_redirects=False, timeout=30, headers={"Referer": url})


class Watcher(threading.Thread):
    """Reads a page through nginx again and again, with the teacher's session, noting each status."""

    def __init__(self, session: requests.Session, url: str):
        super().__init__(daemon=True)
        self.session, self.url, self.statuses = requests.Session(), url, []
        self.session.cookies.update(session.cookies)
        self.running = True

    def run(self):
        while self.running:
            try:
                self.statuses.append(self.session.get(self.url, allow_redirects=False, timeout=30).status_code)
            except requests.RequestException as error:
                self.statuses.append(repr(error))


def test_a_teachers_journey_survives_a_node_killed_with_sigkill(cluster, mailboxes):
    (ports, folder), (web_mail, worker_mail) = cluster, mailboxes
    world = World()
    project = world.project_a.pk
    services.subscription_set(project_id=project, user=world.admin_a, subscribed=True, by_email=True)
    services.subscription_set(project_id=project, user=world.member_a, subscribed=True)
    services.page_create(project_id=project, title="Our first page", body_html="<p>Merhaba</p>", user=world.admin_a)
    production_password(world.member_a)
    base = f"http://127.0.0.1:{ports['nginx']}"

    teacher = log_in(base, world.member_a.email)
    watcher = Watcher(teacher, f"{base}/twinspace/{project}/")
    watcher.start()
    response = post(teacher, f"{base}/twinspace/{project}/materials/", {"name": "Plan"},
                    files={"file": ("plan.pdf", PDF, "application/pdf")})
    assert response.status_code == 302, response.text[:500]
    material = world.project_a.twinspace_materials.get()
    # The file went to the shared bucket: each node serves it.
    for node in ("node1", "node2"):
        direct = requests.get(f"http://127.0.0.1:{ports[node]}/twinspace/{project}/materials/{material.pk}/file/",
                              cookies=teacher.cookies, timeout=30)
        assert (direct.status_code, direct.content) == (200, PDF), node

    os.killpg(int((folder / "pids" / "node1.pid").read_text()), signal.SIGKILL)
    time.sleep(0.5)
    response = post(teacher, f"{base}/twinspace/{project}/forum/", {"title": "Ideas for May",
                                                                    "body_html": "<p>Let us plan.</p>"})
    assert response.status_code == 302, response.text[:500]
    notifications = teacher.get(f"{base}/notifications/", allow_redirects=False, timeout=30)
    assert notifications.status_code == 200, "the session survived the node"
    assert "Our first page" in notifications.text
    file = teacher.get(f"{base}/twinspace/{project}/materials/{material.pk}/file/", timeout=30)
    assert (file.status_code, file.content) == (200, PDF)
    time.sleep(1)
    watcher.running = False
    watcher.join(timeout=30)
    assert len(watcher.statuses) > 5 and set(watcher.statuses) == {200}, watcher.statuses

    # The two notification e-mails to the subscriber: each once, sent by the worker (the outbox,
    # decision 15), none by a web node.
    deadline = time.monotonic() + 30
    while len(worker_mail.messages) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # a duplicate would come now
    assert web_mail.messages == [], "a web node sent e-mail itself"
    assert sorted(to for to, _message in worker_mail.messages) == [[world.admin_a.email]] * 2
    subjects = "\n".join(str(message["Subject"]) + message.get_body(("plain",)).get_content()
                         for _to, message in worker_mail.messages)
    assert "Plan" in subjects and "Ideas for May" in subjects
