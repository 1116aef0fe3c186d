"""Issue 13: responsive down to 360 px. On the demo, every page each role reaches by following links
(one address per page name) is opened at 360 px: the document is never wider than the screen
(tables become cards or scroll inside themselves). With TWINHUB_SCREENSHOTS=1 a screenshot of each
page is saved under the test's output folder, for a reviewer to look at (full-page PNGs of every page
are most of this test's time, so CI leaves them out)."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page

from twinhub.accounts.models import User
from twinhub.projects.models import Project
from twinhub.testing.browser import screenshot, use_session_of
from twinhub.testing.crawl import crawl
from twinhub.twinspace import services as space_services

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTH = 360
EMAILS = {"teacher": "teacher@demo.twinhub.test", "pending": "pending@demo.twinhub.test",
          "coordinator": "coordinator1.tr-06@demo.twinhub.test", "nss": "nss.tr@demo.twinhub.test",
          "css": "css@demo.twinhub.test", "admin": "admin@demo.twinhub.test"}
SKIP = ("/menu/", "/admin/")  # HTMX fragments; Django's own admin

# The widest elements of a page that is wider than the screen, to name in the failure.
OVERFLOW = """() => {
  const width = window.innerWidth, doc = document.documentElement.scrollWidth;
  if (doc <= width) return null;
  const wide = [];
  for (const el of document.querySelectorAll('main *, header *, nav *')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && !el.closest('table:not(.stack)')) {
      wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''} (${Math.round(r.right)} px)`);
    }
  }
  return {doc, width, wide: wide.slice(0, 6)};
}"""


def _pages_of(role: str, client: Client, start: str) -> list[str]:
    pages: list[str] = []
    crawl(client, start, most=1, pages=pages)
    return [p for p in dict.fromkeys(pages) if not p.startswith(SKIP)]


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:80] or "home"


def test_no_page_is_wider_than_a_360_px_screen(live_server, page: Page, output_path):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    teacher = User.objects.get(email=EMAILS["teacher"])
    project = Project.objects.get(title="Water is Life", members__user=teacher)
    _pupil, code = space_services.pupil_create(project_id=project.pk, alias="Narrow", user=teacher)
    folder = Path(output_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": WIDTH, "height": 780})
    too_wide = []
    for role in ["anonymous", *EMAILS, "pupil"]:
        client = Client()
        user = User.objects.get(email=EMAILS[role]) if role in EMAILS else None
        if user:
            client.force_login(user)
        if role == "pupil":
            client.post("/twinspace/pupils/login/", {"code": code})
        start = f"/twinspace/{project.pk}/" if role == "pupil" else "/"
        paths = _pages_of(role, client, start)
        use_session_of(page, live_server.url, user)
        if role == "pupil":
            page.goto(f"{live_server.url}/twinspace/pupils/login/")
            page.fill("#id_code", code)
            page.click("main button")
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            found = page.evaluate(OVERFLOW)
            screenshot(page, folder / f"{role}-{_slug(path)}-{WIDTH}.png")
            if found:
                too_wide.append(f"[{role}] {path}: {found['doc']} px > {found['width']} px; {', '.join(found['wide'])}")
    assert not too_wide, "\n".join(too_wide)
