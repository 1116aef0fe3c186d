"""Browser journey: a pending teacher asks "Why can't I…?", sees their coordinator, files a
support request; the NSS of their country sees it and replies."""

import pytest
from playwright.sync_api import expect

from twinhub.testing import make_staff, make_teacher
from twinhub.testing.browser import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]




def test_pending_teacher_gets_an_answer_and_asks_the_nss(live_server, page):
    teacher = make_teacher(country="TR", region="TR-06", approved=False, name="Ayşe Yılmaz")
    coordinator = make_staff("coordinator", country="TR", region="TR-06")
    nss = make_staff("nss", country="TR")
    base = live_server.url

    log_in(page, base, teacher.email)
    page.goto(f"{base}/help/why/")
    finding = page.locator("#membership-pending")
    expect(finding).to_contain_text("pending approval since")
    expect(finding).to_contain_text("Ankara (TR-06)")
    expect(finding).to_contain_text(coordinator.email)

    page.click("text=Ask the National Support Service")
    page.fill("input[name=subject]", "My membership is still pending")
    page.fill("textarea[name=body]", "I joined two weeks ago. Can you help?")
    page.check("input[name=consent]")  # unticked until the teacher chooses to attach the diagnosis
    page.click("form.card button[type=submit]")
    expect(page.locator("h1")).to_have_text("My membership is still pending")
    page.context.clear_cookies()

    log_in(page, base, nss.email)
    page.goto(f"{base}/support/queue/")
    page.click("text=My membership is still pending")
    expect(page.locator("section.card")).to_contain_text("pending approval since")  # the attached diagnosis
    page.fill("textarea[name=body]", "We asked the Ankara coordinators to check your school today.")
    page.click("form.card button[type=submit]")
    expect(page.locator("[data-status]")).to_have_text("Answered, waiting for the teacher")
    page.context.clear_cookies()

    log_in(page, base, teacher.email)
    page.goto(f"{base}/notifications/")
    page.click("text=answered your request")
    expect(page.locator(".message.staff")).to_contain_text("Ankara coordinators")
