"""Browser journey: a CSS operator finds Operations in the staff menu, sees the failed e-mail and
sends it again; an NSS officer asks for a CSV export and downloads it when ready.
Screenshots at desktop (1280 px) and phone (390 px) widths (saved with TWINHUB_SCREENSHOTS=1)."""

from pathlib import Path

import pytest
from django.core.mail import send_mail
from django.db import transaction
from playwright.sync_api import expect

from twinhub.core.models import OutboxEmail
from twinhub.testing import make_staff, make_teacher
from twinhub.testing.browser import log_in, screenshot
from twinhub.testing.mail import REFUSING_BACKEND

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def shots(tmp_path):
    def take(page, name: str) -> None:
        for label, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            screenshot(page, tmp_path / f"{name}-{label}.png")
        page.set_viewport_size({"width": 1280, "height": 900})

    return take


def test_an_operator_sends_a_failed_email_again(live_server, page, settings, shots):
    settings.EMAIL_BACKEND = "twinhub.core.outbox.OutboxBackend"
    settings.EMAIL_DELIVERY_BACKEND = REFUSING_BACKEND
    with transaction.atomic():
        send_mail("Üyeliğiniz onaylandı", "…", "from@twinhub.test", ["ayse@okul.example"])
    OutboxEmail.objects.update(status=OutboxEmail.Status.FAILED, attempts=8,
                               last_error="ConnectionRefusedError: the mail server refused the connection")
    css = make_staff("css")
    base = live_server.url

    log_in(page, base, css.email)
    page.goto(f"{base}/dashboard/")
    page.locator("a[href='/operations/']").first.click()
    expect(page.locator("#outbox-failed")).to_have_text("1")
    expect(page.get_by_text("ayse@okul.example")).to_be_visible()
    shots(page, "operations")

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    page.get_by_role("button", name="Send again").click()
    expect(page.locator("#outbox-failed")).to_have_text("0")
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_an_nss_officer_exports_a_table_and_downloads_it(live_server, page, shots):
    nss = make_staff("nss", country="TR")
    make_teacher(country="TR", region="TR-06", approved=False)
    base = live_server.url

    log_in(page, base, nss.email)
    page.goto(f"{base}/nss/dashboard/")
    page.locator("#pending").get_by_role("button", name="Export CSV").click()
    expect(page).to_have_url(f"{base}/nss/dashboard/exports/")
    expect(page.get_by_role("link", name="Download")).to_be_visible()  # built after the commit (no worker: at once)
    shots(page, "dashboard-exports")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert Path(download.value.path()).read_text().startswith("Country,Region,Pending")
