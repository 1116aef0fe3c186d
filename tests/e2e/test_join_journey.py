"""Browser journey of a newcomer: a visitor creates an account, opens the link in the verification
email, joins eTwinning with a new school in Ankara (TR-06), sees why they are not an eTwinner yet and
which coordinator decides; that coordinator approves them in the validation queue; the teacher's
dashboard now says they are an eTwinner."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from twinhub.accounts.models import User
from twinhub.schools.models import Membership
from twinhub.testing import make_staff
from twinhub.testing.browser import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

EMAIL = "ayse.yilmaz@okul.example"
PASSWORD = "Kestane-Agaci-2026"


def _verification_link(base: str) -> str:
    """The one link in the verification email sent to EMAIL (the test settings keep mail in memory)."""
    sent = [m for m in mail.outbox if EMAIL in m.to]
    assert len(sent) == 1, [m.subject for m in mail.outbox]
    links = re.findall(r"https?://\S+/accounts/confirm-email/\S+/", sent[0].body)
    assert len(links) == 1, sent[0].body
    assert links[0].startswith(base), (links[0], base)  # the link points at this very server
    return links[0]


def test_visitor_signs_up_joins_and_is_approved_by_the_province_coordinator(live_server, page, tmp_path):
    coordinator = make_staff("coordinator", country="TR", region="TR-06", email="il.ankara@meb.example")
    other_province = make_staff("coordinator", country="TR", region="TR-34", email="il.istanbul@meb.example")
    base = live_server.url
    mail.outbox.clear()

    # 1. Create an account: no eTwinning membership yet, and the email must be verified first.
    page.goto(f"{base}/")
    page.click("nav >> text=Create account")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Verify Your Email Address")
    assert not User.objects.get(email=EMAIL).emailaddress_set.filter(verified=True).exists()

    # 2. The link in the email confirms the address and logs the visitor in, straight to "Join eTwinning".
    page.goto(_verification_link(base))
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{base}/join/")
    assert User.objects.get(email=EMAIL).emailaddress_set.filter(verified=True).count() == 1

    # 3. Join eTwinning: the school is not on TwinHub yet (the live search says so), so create it in Ankara.
    page.fill("input[name=first_name]", "Ayşe")
    page.fill("input[name=last_name]", "Yılmaz")
    page.select_option("select[name=role]", "teacher")
    page.select_option("select[name=country]", "TR")
    page.fill("#school-search", "Kavaklıdere")
    expect(page.locator("#school-results")).to_contain_text("No school found")
    page.check("input[name=school_choice][value=new]")
    page.fill("input[name=new-legal_name]", "Kavaklıdere Ortaokulu")
    page.select_option("select[name=new-country]", "TR")
    page.select_option("select[name=new-region]", "TR-06")
    page.fill("input[name=new-city]", "Ankara")
    page.fill("input[name=new-principal_name]", "Mehmet Demir")
    page.fill("input[name=new-principal_email]", "mudur@kavaklidere.example")
    page.click("main form button[type=submit]:has-text('Join eTwinning')")

    # 4. The dashboard explains the wait: pending, and who decides (the Ankara coordinator, not Istanbul's).
    expect(page).to_have_url(f"{base}/dashboard/")
    expect(page.locator("h1")).to_have_text("Hello, Ayşe Yılmaz")
    status = page.locator("#etwinner-status")
    expect(status).to_contain_text("You are not an eTwinner yet")
    expect(status.locator(".refusal")).to_be_visible()
    expect(status.locator(".refusal .who")).not_to_be_empty()
    expect(status.locator(".validators")).to_contain_text(coordinator.display_name)
    expect(status.locator(".validators")).to_contain_text(coordinator.email)
    expect(status).not_to_contain_text(other_province.email)
    expect(page.locator("td.status-pending")).to_have_text("Pending approval")
    screenshot(page, tmp_path / "dashboard-pending.png")
    membership = Membership.objects.get(user__email=EMAIL)
    assert (membership.status, membership.school.country, membership.school.region) == ("pending", "TR", "TR-06")
    page.context.clear_cookies()

    # 5. The coordinator logs in and approves the membership in the validation queue.
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", coordinator.email)
    page.fill("input[name=password]", "pw-test-123")
    page.click("main form button[type=submit]")
    page.click("nav >> text=Validation queue")
    row = page.locator(f"#membership-{membership.pk}")
    expect(row).to_contain_text("Ayşe Yılmaz")
    expect(row).to_contain_text("Kavaklıdere Ortaokulu")
    row.locator("input[type=checkbox]").check()
    page.click("button[name=decision][value=approve]")
    expect(page.locator(".messages")).to_contain_text("1 approved.")
    expect(page.locator(f"#membership-{membership.pk}")).to_have_count(0)
    page.context.clear_cookies()

    # 6. The teacher is now an eTwinner.
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{base}/dashboard/")
    expect(page.locator("#etwinner-status")).to_contain_text("You are an eTwinner")
    expect(page.locator("td.status-approved")).to_have_text("Approved")
    expect(page.locator("#nav-projects")).to_be_visible()
    screenshot(page, tmp_path / "dashboard-approved.png")
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by_id) == ("approved", coordinator.pk)
