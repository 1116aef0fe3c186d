"""Browser journey: a teacher answers a "looking for partners" post and asks for contact in the
same step; the author accepts, and the two are contacts (rule 6). Screenshots at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from twinhub.contacts.selectors import are_contacts
from twinhub.testing import make_teacher
from twinhub.testing.browser import log_in, screenshot
from twinhub.testing.groups import make_partner_post

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_answer_a_post_and_become_contacts(live_server, page, tmp_path):
    author = make_teacher(country="TR", name="Ayşe Yıldız")
    answerer = make_teacher(country="PL", name="Piotr Nowak")
    post = make_partner_post(author, title="Water in our towns", countries_wanted=["PL"])
    base = live_server.url

    log_in(page, base, answerer.email)
    page.click("#nav-partner-posts")
    page.select_option("#country", "PL")
    page.click("form.filters button")
    page.click("text=Water in our towns")
    expect(page.locator("#contact_request")).to_be_checked()
    for label, width in {"desktop": 1280, "phone": 390}.items():
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, tmp_path / f"partner-post-{label}.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("#body", "Our class measures water at school too. Shall we work together?")
    page.click("#partner-answer-send")
    expect(page.locator("#partner-messages")).to_contain_text("Shall we work together?")

    log_in(page, base, author.email)
    page.goto(f"{base}/partners/{post.pk}/")
    page.click("#partner-answers >> text=Piotr Nowak")
    expect(page.locator("#partner-messages")).to_contain_text("Shall we work together?")
    page.goto(f"{base}/contacts/")
    page.click("button:has-text('Accept')")
    # Accepting swaps the lists in place (HTMX): wait for the request to be gone, not for the name,
    # which the request itself shows.
    expect(page.locator("#contact-lists button:has-text('Accept')")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Piotr Nowak")
    assert are_contacts(author, answerer)
    page.goto(f"{base}/partners/{post.pk}/")
    page.click("#partner-close")
    expect(page.locator("#partner-post")).to_contain_text("Closed: partners found")
    for label, width in {"desktop": 1280, "phone": 390}.items():
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, tmp_path / f"partner-post-closed-{label}.png")
