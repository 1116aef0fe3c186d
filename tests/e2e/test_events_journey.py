"""Browser journeys of issue 15's events and gallery: an NSS officer creates an online seminar, two
teachers register (the second waits and moves up when the first cancels), attendance is marked,
the certificate is downloaded and verified on the public page; an anonymous visitor browses the
gallery. Screenshots at desktop and phone widths go to $SCREENSHOTS (or the test's temporary folder)."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from twinhub.events import services
from twinhub.events.models import Event, Registration
from twinhub.testing import make_staff
from twinhub.testing.browser import log_in, screenshot
from twinhub.testing.labels import award, european_project, open_window
from twinhub.testing.projects import teacher

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}


def _shots(page, folder: Path, name: str) -> None:
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, folder / f"{name}-{label}.png")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_seminar_waiting_list_attendance_and_certificate(live_server, page, shots):
    nss = make_staff("nss", country="TR")
    ayse, marco = teacher("TR", name="Ayşe Yılmaz"), teacher("IT", name="Marco Bianchi")
    base = live_server.url

    log_in(page, base, nss.email)
    page.goto(f"{base}/events/")
    page.click("#organise-event")
    expect(page.locator("h1")).to_have_text("Organise an event")
    start = timezone.localtime(timezone.now() + timedelta(days=2)).replace(hour=15, minute=0)
    page.select_option("#event-form select[name=kind]", "seminar")
    page.fill("#event-form input[name=title]", "Online seminar: safe internet with pupils")
    page.select_option("#event-form select[name=language]", "en")
    page.select_option("#event-form select[name=audience]", "all")
    page.fill("#event-form input[name=starts_at]", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#event-form input[name=ends_at]", (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#event-form input[name=link]", "https://meet.example.org/safe-internet")
    page.fill("#event-form input[name=capacity]", "1")
    page.select_option("#event-form select[name=organiser]", "country:TR")
    page.click("#event-form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Online seminar: safe internet with pupils")
    event = Event.objects.get(title="Online seminar: safe internet with pupils")
    assert (event.organiser, event.country, event.capacity) == (nss, "TR", 1)

    log_in(page, base, ayse.email)
    page.goto(f"{base}/events/")
    _shots(page, shots, "events")
    page.click("text=Online seminar: safe internet with pupils")
    expect(page.locator("h1")).to_have_text("Online seminar: safe internet with pupils")
    page.click("#register")
    expect(page.locator("#registration-status")).to_contain_text("You are registered.")
    expect(page.locator("#registration")).to_contain_text("https://meet.example.org/safe-internet")

    log_in(page, base, marco.email)
    page.goto(f"{base}/events/{event.pk}/")
    expect(page.locator("#register")).to_have_text("Join the waiting list")
    page.click("#register")
    expect(page.locator("#registration-status")).to_contain_text("You are number 1 on the waiting list.")
    _shots(page, shots, "event-waiting")

    log_in(page, base, ayse.email)
    page.goto(f"{base}/events/{event.pk}/")
    page.click("#unregister")
    expect(page.locator("body")).to_contain_text("Your registration was cancelled.")

    log_in(page, base, marco.email)
    page.goto(f"{base}/events/{event.pk}/")
    expect(page.locator("#registration-status")).to_contain_text("You are registered.")

    # The session takes place (the clock moves past its start).
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=50),
                                             ends_at=timezone.now() - timedelta(minutes=5))
    log_in(page, base, nss.email)
    page.goto(f"{base}/events/{event.pk}/")
    _shots(page, shots, "event-organiser")
    page.click(f"[data-mark='{marco.email}']")
    expect(page.locator("body")).to_contain_text("Attendance saved.")
    code = Registration.objects.get(event=event, user=marco).certificate_code
    assert code

    log_in(page, base, marco.email)
    page.goto(f"{base}/events/mine/")
    _shots(page, shots, "my-events")
    with page.expect_download() as download_info:
        page.click("[id^=certificate-]")
    download = download_info.value
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert download.suggested_filename == f"participation-{code}.pdf"

    page.context.clear_cookies()
    page.goto(f"{base}/labels/verify/")
    page.fill("#code", code)
    page.click("form button[type=submit]")
    expect(page.locator("#verified")).to_contain_text("This certificate is genuine.")
    expect(page.locator("#verified")).to_contain_text("Marco Bianchi")
    expect(page.locator("#verified")).to_contain_text("Online seminar: safe internet with pupils")


def test_an_anonymous_visitor_browses_the_gallery_and_a_kit(live_server, page, shots):
    nss = make_staff("nss", country="TR")
    open_window("TR", nss)
    for title, partner in [("Bridges of Friendship", "IT"), ("Climate Detectives", "PL")]:
        founder = teacher("TR")
        project = european_project(founder, partner_country=partner, title=title)
        award(founder, project, nss=nss)
        for person in (founder, project.cofounder):
            services.gallery_consent_give(user=person, project_id=project.pk)
    services.kit_save(actor=nss, country="TR", title_en="Our Water Diary", title_tr="Su Günlüğümüz",
                      aims_en="Measure and save water.", aims_tr="Suyu ölçün ve tasarruf edin.",
                      weeks=[("Keep a water diary.", "Su günlüğü tutun."), ("Compare.", "Karşılaştırın.")],
                      subjects=["science"], age_ranges=["11-14"])
    base = live_server.url

    page.goto(f"{base}/gallery/")
    expect(page.locator(".gallery-card")).to_have_count(2)
    _shots(page, shots, "gallery")
    page.select_option("select[name=country]", "PL")
    page.click("form.filters button[type=submit]")
    expect(page.locator(".gallery-card")).to_have_count(1)
    expect(page).to_have_url(f"{base}/gallery/?q=&country=PL&subject=&age_range=&label=")
    page.click("text=Climate Detectives")
    expect(page.locator("h1")).to_have_text("Climate Detectives")
    expect(page.locator("body")).to_contain_text("National Quality Label")
    _shots(page, shots, "gallery-project")

    page.goto(f"{base}/kits/")
    page.click("text=Our Water Diary")
    expect(page.locator("h1")).to_have_text("Our Water Diary")
    expect(page.locator("body")).to_contain_text("Keep a water diary.")
    _shots(page, shots, "kit")
