"""Browser journey: a teacher joins a group and starts a discussion; another member reports the
post; the group's moderator hides it from the moderation queue and the reporter hears the outcome.
Screenshots at desktop (1280 px) and phone (390 px) widths."""

import pytest
from playwright.sync_api import expect

from twinhub.testing import make_staff, make_teacher
from twinhub.testing.browser import log_in, screenshot
from twinhub.testing.groups import make_group

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}


def _shots(page, tmp_path, name: str) -> None:
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, tmp_path / f"{name}-{label}.png")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_join_post_report_hide(live_server, page, tmp_path):
    nss = make_staff("nss", country="TR")
    teacher = make_teacher(country="TR", name="Ayşe Yıldız")
    reporter = make_teacher(country="IT", name="Marco Rossi")
    group = make_group(nss, title="STEM teachers", members=[reporter])
    base = live_server.url

    log_in(page, base, teacher.email)
    page.goto(f"{base}/groups/")
    page.click("#nav-groups")
    page.click("text=STEM teachers")
    page.click("#group-join")
    expect(page.locator("#group-leave")).to_be_visible()
    page.click("#thread-new")
    page.fill("#title", "Rain gauges")
    page.fill("#body", "We built rain gauges from bottles. Who compares data with us?")
    page.click("#thread-form button")
    expect(page.locator("#thread")).to_contain_text("We built rain gauges")
    _shots(page, tmp_path, "group-thread")

    log_in(page, base, reporter.email)
    page.goto(f"{base}/groups/{group.pk}/")
    page.click("text=Rain gauges")
    page.click(".report-link")
    page.fill("#reason", "This looks like an advert.")
    page.click("#report-send")
    expect(page.locator("#my-reports")).to_contain_text("Waiting for a decision")

    log_in(page, base, nss.email)
    page.click("#nav-moderation")
    expect(page.locator("#reports")).to_contain_text("This looks like an advert.")
    _shots(page, tmp_path, "moderation-queue")
    page.select_option("#reports select[name=decision]", "hide")
    page.click("#reports button")
    expect(page.locator("#reports")).to_contain_text("No report is waiting.")

    log_in(page, base, reporter.email)
    page.goto(f"{base}/groups/{group.pk}/")
    expect(page.locator("#group-threads")).not_to_contain_text("Rain gauges")
    page.goto(f"{base}/moderation/mine/")
    expect(page.locator("#my-reports")).to_contain_text("Decided: Hide")
