"""Issue 13: interactions without a full reload where people expect them (decision 36). Each step
marks the window; after the click the mark is still there (no page was loaded) and the page shows
the change. Screenshots of each step go under the test's output folder."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from twinhub.contacts import services as contact_services
from twinhub.schools.models import Membership, MembershipStatus
from twinhub.testing import make_staff, make_teacher
from twinhub.testing.browser import screenshot, use_session_of
from twinhub.testing.projects import make_project
from twinhub.twinspace import services as space_services

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _mark(page: Page) -> None:
    page.evaluate("window.__sameDocument = true")


def _same_document(page: Page) -> bool:
    return page.evaluate("window.__sameDocument === true")


@pytest.fixture
def shots(output_path):
    folder = Path(output_path)
    folder.mkdir(parents=True, exist_ok=True)
    return lambda page, name: screenshot(page, folder / f"{name}.png")


def test_accepting_a_contact_request_does_not_reload(live_server, page, shots):
    ayse = make_teacher(country="TR", approved=True, available=True, name="Ayşe Yılmaz")
    marco = make_teacher(country="IT", approved=True, available=True, name="Marco Rossi")
    request = contact_services.contact_request_send(sender=ayse, to_user_id=marco.pk, message="Selam!")
    use_session_of(page, live_server.url, marco)
    page.goto(f"{live_server.url}/contacts/")
    _mark(page)
    page.click(f"#request-{request.pk} button:text-is('Accept')")
    expect(page.locator(f"#contact-{ayse.pk}")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("Contact request accepted.")
    expect(page.locator(f"#request-{request.pk}")).to_have_count(0)
    assert _same_document(page)
    shots(page, "contact-accepted")


def test_a_forum_reply_does_not_reload(live_server, page, shots):
    ayse = make_teacher(country="TR", approved=True, available=True, name="Ayşe Yılmaz")
    marco = make_teacher(country="IT", approved=True, available=True, name="Marco Rossi")
    project = make_project(founder=ayse, cofounder=marco, title="Rivers")
    thread = space_services.thread_create(project_id=project.pk, title="Which river is longest?",
                                          body_html="<p>Guess!</p>", user=ayse)
    use_session_of(page, live_server.url, marco)
    page.goto(f"{live_server.url}/twinspace/{project.pk}/forum/{thread.pk}/")
    _mark(page)
    page.fill("textarea[name=body]", "The Nile!\n\n- 6,650 km\n- through 11 countries")
    page.click("form button:text-is('Reply')")
    expect(page.locator("#thread-posts li", has_text="through 11 countries")).to_be_visible()
    expect(page.locator("textarea[name=body]")).to_have_value("")
    assert _same_document(page)
    shots(page, "forum-reply")


def test_a_group_reply_does_not_reload(live_server, page):
    from twinhub.testing.groups import make_group, start_thread

    nss = make_staff("nss", country="TR")
    ayse = make_teacher(country="TR", approved=True, available=True, name="Ayşe Yılmaz")
    marco = make_teacher(country="IT", approved=True, available=True, name="Marco Rossi")
    group = make_group(nss, title="STEM teachers", members=[ayse, marco])
    post = start_thread(group, ayse, title="Rain gauges")
    use_session_of(page, live_server.url, marco)
    page.goto(f"{live_server.url}/groups/{group.pk}/threads/{post.thread_id}/")
    _mark(page)
    page.fill("#reply-form textarea[name=body]", "Ours is made of a bottle.")
    page.click("#reply-form button")
    expect(page.locator("#thread .ts-post", has_text="Ours is made of a bottle.")).to_be_visible()
    assert _same_document(page)


def test_the_coordinator_approves_and_filters_without_reloads(live_server, page, shots):
    coordinator = make_staff("coordinator", country="TR", region="TR-06")
    elif_ = make_teacher(country="TR", region="TR-06", approved=False, name="Elif Kaya")
    make_teacher(country="TR", region="TR-06", approved=False, name="Deniz Ak")
    use_session_of(page, live_server.url, coordinator)
    page.goto(f"{live_server.url}/validation/")
    _mark(page)
    page.select_option("#f-order", "newest")
    expect(page).to_have_url(re.compile(r"/validation/\?status=pending&.*order=newest$"))
    page.locator("tr", has_text="Elif Kaya").locator("input[type=checkbox]").check()
    page.click("button[name=decision][value=approve]")
    expect(page.locator("#messages")).to_contain_text("1 approved.")
    expect(page.locator("#queue tr", has_text="Elif Kaya")).to_have_count(0)
    expect(page.locator("#queue tr", has_text="Deniz Ak")).to_have_count(1)
    assert Membership.objects.get(user=elif_).status == MembershipStatus.APPROVED
    page.click("button[name=decision][value=reject]")  # nothing selected: said, nothing changes
    expect(page.locator("#messages")).to_contain_text("Select at least one membership.")
    shots(page, "queue-approved")
    page.locator("tr", has_text="Deniz Ak").locator("input[type=checkbox]").check()
    page.click("button[name=decision][value=reject]")  # without the reason the teacher must read
    expect(page.locator("#messages .refusal")).to_be_visible()
    expect(page.locator("#queue tr", has_text="Deniz Ak")).to_have_count(1)
    assert _same_document(page)
    shots(page, "queue-refusal")


def test_directory_filters_do_not_reload(live_server, page):
    ayse = make_teacher(country="TR", approved=True, available=True)
    make_project(founder=ayse, cofounder=make_teacher(country="DE", approved=True), title="Rivers of Europe")
    make_project(founder=ayse, cofounder=make_teacher(country="TR", approved=True), title="Anatolian songs")
    use_session_of(page, live_server.url, ayse)
    page.goto(f"{live_server.url}/projects/")
    _mark(page)
    page.select_option("select[name=scope]", "national")
    expect(page.locator("#directory")).not_to_contain_text("Rivers of Europe")
    expect(page.locator("#directory")).to_contain_text("Anatolian songs")
    page.goto(f"{live_server.url}/groups/")
    _mark(page)
    page.fill("#q", "nothing like this")
    page.click("form.filters button")
    expect(page.locator("#group-results")).to_contain_text("No group matches your search.")
    expect(page).to_have_url(re.compile(r"q=nothing"))
    assert _same_document(page)
