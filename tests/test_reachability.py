"""Issue 13, "Done when": every page a role may use is reached from that role's landing page by
following only links (and GET forms and HTMX loads, the buttons that do not change anything), and
no link leads to a 4xx/5xx. Run on the demo (`twinhub demo`), as each demo person."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from twinhub.accounts.models import User
from twinhub.projects.models import Project
from twinhub.twinspace import services as space_services

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# Pages that end a session or leave the site's own pages: never followed.
SKIP_PREFIXES = ("/static/", "/media/", "/accounts/logout/", "/i18n/", "/api/", "/twinspace/pupils/logout/")
PER_NAME = 2  # distinct addresses followed per page name (the 3rd project page proves nothing more)

COMMON = {"dashboard", "profile", "notifications", "notifications_menu", "tokens", "help_why", "help_articles",
          "help_article", "support_new", "coordinators", "project_directory", "search"}
TEACHER = COMMON | {
    "my_projects", "project_new", "project_detail", "project_invite", "twinspace_home", "twinspace_page",
    "twinspace_forum", "twinspace_thread", "twinspace_materials", "twinspace_meetings", "twinspace_people",
    "contacts", "partner_search", "teacher_card", "mailbox", "mailbox_thread", "my_labels", "school_add",
    # the networking areas (groups, events) add their entries through the menu registry
    "groups", "partner_posts", "events", "gallery", "kits",
}
REACHABLE = {
    "anonymous": {"home", "coordinators", "project_directory", "help_articles", "help_article", "account_login",
                  "account_signup", "search"},
    "teacher": TEACHER,
    "pending": COMMON - {"tokens"} | {"school_add"},
    "coordinator": COMMON | {"validation_queue", "nss_dashboard"},
    "nss": COMMON | {"validation_queue", "nss_dashboard", "nss_dashboard_exports", "support_queue", "support_detail",
                     "staff_roles", "school_label_decisions",
                     "label_queue"},
    "css": COMMON | {"validation_queue", "nss_dashboard", "support_queue", "eql_selection", "staff_roles",
                     "event_edit"},  # CSS manages every event; the edit page hangs off the event's page
    "admin": COMMON | {"validation_queue", "nss_dashboard", "staff_roles", "admin:index"},
    "pupil": {"twinspace_home", "twinspace_page", "twinspace_forum", "twinspace_thread", "twinspace_materials",
              "twinspace_meetings"},
}
EMAILS = {"teacher": "teacher@demo.twinhub.test", "pending": "pending@demo.twinhub.test",
          "coordinator": "coordinator1.tr-06@demo.twinhub.test", "nss": "nss.tr@demo.twinhub.test",
          "css": "css@demo.twinhub.test", "admin": "admin@demo.twinhub.test"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.found.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "get" and a.get("action") is not None:
            self.found.append(a["action"] or "")
        if a.get("hx-get"):
            self.found.append(a["hx-get"])


def _name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def crawl(client: Client, start: str) -> tuple[set[str], list[str]]:
    """Follow links breadth first from `start`; the page names reached and the broken links."""
    seen, reached, broken = {start}, set(), []
    per_name: dict[str, int] = {}
    queue = deque([(start, "(landing)")])
    while queue:
        url, source = queue.popleft()
        headers = {"HTTP_HX_REQUEST": "true"} if "/menu/" in url else {}
        response = client.get(url, **headers)
        while response.status_code in (301, 302) and response["Location"].startswith("/"):
            reached.add(_name(urlsplit(url).path))
            url = response["Location"]
            response = client.get(url)
        if response.status_code >= 400:
            broken.append(f"{url} ({response.status_code}) linked from {source}")
            continue
        name = _name(urlsplit(url).path)
        if name:
            reached.add(name)
        if "text/html" not in response.get("Content-Type", "") or (name or "").startswith("admin:"):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.found:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or parts.path.startswith(SKIP_PREFIXES):
                continue
            target_name = _name(parts.path)
            if target_name is None:
                broken.append(f"{target} (no such page) linked from {url}")
                continue
            if per_name.get(target_name, 0) >= PER_NAME:
                continue
            per_name[target_name] = per_name.get(target_name, 0) + 1
            seen.add(target)
            queue.append((target, url))
    return reached, broken


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        teacher = User.objects.get(email=EMAILS["teacher"])
        project = Project.objects.get(title="Water is Life", members__user=teacher)
        _pupil, code = space_services.pupil_create(project_id=project.pk, alias="Reach", user=teacher)
        yield {"pupil_code": code, "pupil_project": project.pk}
        call_command("flush", interactive=False, verbosity=0)


def _client_for(role: str, demo) -> Client:
    client = Client()
    if role == "pupil":
        client.post("/twinspace/pupils/login/", {"code": demo["pupil_code"]})
    elif role != "anonymous":
        client.force_login(User.objects.get(email=EMAILS[role]))
    return client



@pytest.mark.parametrize("role", REACHABLE)
def test_every_page_of_a_role_is_reached_by_links_and_none_is_broken(role, demo):
    client = _client_for(role, demo)
    # A pupil's landing page is their TwinSpace (where the pupil log-in sends them).
    start = f"/twinspace/{demo['pupil_project']}/" if role == "pupil" else "/"
    reached, broken = crawl(client, start)
    assert broken == [], "\n".join(broken)
    missing = REACHABLE[role] - reached
    assert not missing, f"{role} cannot reach by links: {sorted(missing)}; reached {sorted(reached)}"
