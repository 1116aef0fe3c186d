"""Browser journeys of issue 15 beyond the seminar's: the organiser edits an event (a smaller
capacity is refused with its reason, a new time reaches the people registered); a teacher takes
part in a learning event's discussion (a group); a founder picks the gallery cover. Then the event,
gallery and kit pages in English and Turkish at 1280, 390 and 360 px, to $SCREENSHOTS (or the
test's temporary folder)."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from twinhub.events import services
from twinhub.events.models import Event, EventKind, Kit
from twinhub.testing import make_staff
from twinhub.testing.browser import log_in, screenshot
from twinhub.testing.events import make_event
from twinhub.testing.files import image_bytes
from twinhub.testing.labels import award, european_project, open_window
from twinhub.testing.projects import teacher
from twinhub.twinspace import services as twinspace

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTHS = {"1280": 1280, "390": 390, "360": 360}


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shots(page, folder: Path, base: str, path: str, name: str) -> None:
    """The page in both languages at every width; nothing may overflow the phone's width."""
    for language in ("en", "tr"):
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}])
        for label, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(f"{base}{path}")
            assert response is not None and response.status == 200, (path, language)
            assert page.get_attribute("html", "lang") == language
            screenshot(page, folder / f"{name}-{language}-{label}.png")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, language, width, overflow)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": base}])
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_organiser_edits_a_seminar_and_the_registrants_are_told(live_server, page, shots):
    nss = make_staff("nss", country="TR")
    ayse, marco = teacher("TR", name="Ayşe Yılmaz"), teacher("IT", name="Marco Bianchi")
    event = make_event(nss, title="Seminar: e-safety", capacity=3, starts_in=timedelta(days=3))
    for person in (ayse, marco):
        services.registration_create(user=person, event_id=event.pk)
    base = live_server.url

    log_in(page, base, nss.email)
    page.goto(f"{base}/events/{event.pk}/")
    page.click("#edit-event")
    expect(page.locator("h1")).to_have_text("Edit “Seminar: e-safety”")
    page.fill("#event-edit-form input[name=capacity]", "1")
    page.click("#event-edit-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("2 people already hold a place")
    assert Event.objects.get(pk=event.pk).capacity == 3
    _shots(page, shots, base, f"/events/{event.pk}/edit/", "event-edit")

    start = timezone.localtime(event.starts_at + timedelta(days=1)).replace(minute=0)
    page.goto(f"{base}/events/{event.pk}/edit/")
    page.fill("#event-edit-form input[name=capacity]", "2")
    page.fill("#event-edit-form input[name=starts_at]", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#event-edit-form input[name=ends_at]", (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.click("#event-edit-form button[type=submit]")
    expect(page.locator("body")).to_contain_text("The event was saved")
    assert Event.objects.get(pk=event.pk).capacity == 2

    log_in(page, base, marco.email)
    page.goto(f"{base}/notifications/")
    expect(page.locator("body")).to_contain_text("“Seminar: e-safety” has a new time")
    _shots(page, shots, base, f"/events/{event.pk}/", "event-registered")
    _shots(page, shots, base, "/events/", "events")


def test_a_teacher_discusses_in_a_learning_event(live_server, page, shots):
    css = make_staff("css")
    ayse = teacher("TR", name="Ayşe Yılmaz")
    event = make_event(css, kind=EventKind.LEARNING, country="", title="Project-based learning, step by step",
                       starts_in=timedelta(days=-1))
    services.activity_post(actor=css, event_id=event.pk, week=1, title="Introduce yourself")
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() + timedelta(days=1))
    services.registration_create(user=ayse, event_id=event.pk)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(days=1))
    base = live_server.url

    log_in(page, base, ayse.email)
    page.goto(f"{base}/events/{event.pk}/")
    page.click("#discussion-new")
    page.fill("#thread-form input[name=title]", "Merhaba from Ankara")
    page.fill("#thread-form textarea[name=body]", "We start with a poster.")
    page.click("#thread-form button")
    expect(page.locator("body")).to_contain_text("We start with a poster.")
    page.click("#group-event a")  # the discussion's header leads back to its event
    expect(page.locator("#discussion")).to_contain_text("Merhaba from Ankara")
    _shots(page, shots, base, f"/events/{event.pk}/", "learning-event")
    _shots(page, shots, base, f"/groups/{event.discussion_id}/", "learning-event-discussion")


def test_a_founder_picks_the_cover_and_the_gallery_pages_look_right(live_server, page, shots):
    nss = make_staff("nss", country="TR")
    open_window("TR", nss)
    founder = teacher("TR", name="Fatma Kaya")
    project = european_project(founder, title="Bridges of Friendship")
    award(founder, project, nss=nss)
    twinspace.material_upload(project_id=project.pk, user=founder,
                              upload=SimpleUploadedFile("our-book.png", image_bytes("PNG", (640, 360))))
    twinspace.page_create(project_id=project.pk, user=founder, pupil=None, title="What we made", is_public=True,
                          body_html="<p>A bilingual e-book written by forty pupils.</p>")
    for person in (founder, project.cofounder):
        services.gallery_consent_give(user=person, project_id=project.pk)
    services.kit_save(actor=nss, country="TR", title_en="Folk Tales Across Borders", title_tr="Sınır Ötesi Masallar",
                      aims_en="Retell and illustrate a folk tale.", aims_tr="Bir masalı yeniden anlatın ve resimleyin.",
                      weeks=[("Choose a tale.", "Bir masal seçin."), ("Illustrate it.", "Resimleyin.")],
                      subjects=["art"], age_ranges=["7-10"])
    base = live_server.url

    log_in(page, base, founder.email)
    page.goto(f"{base}/gallery/mine/")
    page.check(f"#cover-{project.pk} .cover-option:has-text('our-book.png') input")
    page.check("input[name=pages]")
    page.click(f"[data-project='{project.pk}'] form[enctype] button[type=submit]")
    expect(page.locator("body")).to_contain_text("The gallery entry was saved.")
    _shots(page, shots, base, "/gallery/mine/", "gallery-mine")

    page.context.clear_cookies()
    page.goto(f"{base}/gallery/{project.pk}/")
    expect(page.locator("img.cover-large")).to_be_visible()
    expect(page.locator("#gallery-pages")).to_contain_text("A bilingual e-book written by forty pupils.")
    _shots(page, shots, base, "/gallery/", "gallery")
    _shots(page, shots, base, f"/gallery/{project.pk}/", "gallery-project")
    _shots(page, shots, base, "/kits/", "kits")
    kit = Kit.objects.get()
    _shots(page, shots, base, f"/kits/{kit.pk}/", "kit")
