"""Issue 13's journeys, each at a laptop's width (1280 px) and a phone's (390 px, where the menu is
behind the menu button): a new teacher from sign-up to a forum post and an image in the TwinSpace,
the coordinator who approves them, a pupil, and the NSS from its home to a CSV export. A screenshot
of every step is saved under the test's output folder (pytest-playwright's `--output`,
test-results/ by default) for a reviewer to look at."""

import re
import time
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from twinhub.contacts import services as contact_services
from twinhub.contacts.models import ContactRequest
from twinhub.projects import services as project_services
from twinhub.projects.models import Project
from twinhub.testing import make_staff, make_teacher
from twinhub.testing.browser import log_in, screenshot
from twinhub.testing.files import image_bytes
from twinhub.testing.projects import make_project
from twinhub.twinspace import services as space_services
from twinhub.twinspace.models import Material, Post

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}
PASSWORD = "Cinar-Agaci-2026"


class Journey:
    """A page at one width that saves a numbered screenshot after each step."""

    def __init__(self, page: Page, base: str, folder: Path, width: int):
        self.page, self.base, self.folder, self.width, self.step = page, base, folder, width, 0
        folder.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": width, "height": 900})

    def shot(self, name: str) -> None:
        self.step += 1
        screenshot(self.page, self.folder / f"{self.step:02d}-{name}-{self.width}.png")

    def menu(self, key: str) -> None:
        """Use the main menu as a person would: on a phone, open it with the menu button first."""
        if self.width < 900:
            self.page.click(".menu-button")
            expect(self.page.locator("#site-nav")).to_be_visible()
        self.page.click(f"#nav-{key}")


@pytest.fixture(params=list(WIDTHS))
def journey(request, live_server, page, output_path, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Journey(page, live_server.url, Path(output_path), WIDTHS[request.param])


def _verification_link(email: str) -> str:
    """The link of the verification e-mail (sent after the sign-up's commit: wait for it a little)."""
    for _attempt in range(50):
        sent = [m for m in mail.outbox if email in m.to]
        links = re.findall(r"https?://\S+/accounts/confirm-email/\S+/", "".join(m.body for m in sent))
        if links:
            return links[-1]
        time.sleep(0.1)
    raise AssertionError([(m.subject, m.body[:300]) for m in mail.outbox])


def test_new_teacher_from_sign_up_to_the_twinspace(journey):
    page, base = journey.page, journey.base
    email = f"elif.kaya.{journey.width}@okul.example"  # sign-up mails are rate-limited per address
    coordinator = make_staff("coordinator", country="TR", region="TR-06", email="il.ankara@meb.example")
    marco = make_teacher(country="IT", approved=True, available=True, name="Marco Rossi")
    mail.outbox.clear()

    page.goto(f"{base}/")
    journey.shot("landing")
    page.click(".account-links >> text=Create account")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Verify Your Email Address")
    journey.shot("sign-up")
    page.goto(_verification_link(email))
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{base}/join/")

    page.fill("input[name=first_name]", "Elif")
    page.fill("input[name=last_name]", "Kaya")
    page.select_option("select[name=role]", "teacher")
    page.select_option("select[name=country]", "TR")
    page.fill("#school-search", "Çankaya")
    expect(page.locator("#school-results")).to_contain_text("No school found")
    page.check("input[name=school_choice][value=new]")
    page.fill("input[name=new-legal_name]", "Çankaya Ortaokulu")
    page.select_option("select[name=new-country]", "TR")
    page.select_option("select[name=new-region]", "TR-06")
    page.fill("input[name=new-city]", "Ankara")
    page.fill("input[name=new-principal_name]", "Zeynep Ak")
    page.fill("input[name=new-principal_email]", "mudur@cankaya.example")
    journey.shot("join")
    page.click("main form button[type=submit]:has-text('Join eTwinning')")

    # Pending: the home page explains why, and who decides.
    expect(page).to_have_url(f"{base}/dashboard/")
    expect(page.locator("#etwinner-status")).to_contain_text("You are not an eTwinner yet")
    expect(page.locator("#etwinner-status .validators")).to_contain_text(coordinator.email)
    journey.shot("pending-explained")

    # The coordinator: home page with the queue and waiting times -> the queue -> approve.
    log_in(page, base, coordinator.email, "pw-test-123")
    expect(page.locator("#home-queue")).to_contain_text("Elif Kaya")
    journey.shot("coordinator-home")
    page.click("#home-queue >> text=Open the validation queue")
    row = page.locator("tr", has_text="Elif Kaya")
    row.locator("input[type=checkbox]").check()
    journey.shot("coordinator-queue")
    page.click("button[name=decision][value=approve]")
    expect(page.locator(".messages")).to_contain_text("1 approved.")
    journey.shot("coordinator-approved")

    # The teacher, approved, finds a partner and asks for contact.
    log_in(page, base, email, PASSWORD)
    expect(page.locator("#etwinner-status")).to_contain_text("You are an eTwinner")
    journey.shot("approved-home")
    journey.menu("partners")
    page.select_option("#f-country", "IT")
    page.locator("#teacher-results a", has_text="Marco Rossi").click()
    page.fill("#message", "Shall we work on water?")
    page.click("#add-contact")
    expect(page.locator(".messages")).to_contain_text("Your contact request was sent.")
    journey.shot("contact-request")
    contact_services.contact_request_accept(user=marco, request_id=ContactRequest.objects.get(to_user=marco).pk)

    # A project with Marco (who accepts), then its TwinSpace through the project page's tab.
    journey.menu("projects")
    page.click("text=Start a project")
    page.fill("input[name=title]", "Water diaries")
    page.fill("textarea[name=description]", "Pupils keep a diary of the water they use.")
    page.select_option("select[name=cofounder]", str(marco.pk))
    journey.shot("project-new")
    page.click("text=Create the project")
    project = Project.objects.get(title="Water diaries")
    project_services.project_cofounder_accept(user=marco, project_id=project.pk)
    journey.menu("projects")
    journey.shot("my-projects")
    page.click("main >> text=Water diaries")
    expect(page.locator("h1 [data-scope]")).to_have_text("European project")
    journey.shot("project-page")
    page.click("#tab-twinspace")
    expect(page).to_have_url(f"{base}/twinspace/{project.pk}/")
    expect(page.locator("#tab-project")).to_be_visible()  # and back
    journey.shot("twinspace")

    # A forum post with two paragraphs and a list.
    page.click(".ts-nav >> text=Forum")
    page.fill("#id_title", "Our first week")
    page.fill("#id_body", "We measured every glass.\n\nWhat we found:\n- 8 glasses a day\n- less on Sundays")
    page.click("form button:text-is('Start')")
    expect(page.locator("main")).to_contain_text("less on Sundays")
    journey.shot("forum-post")
    body = Post.objects.get(thread__title="Our first week").body_html
    assert "We measured every glass." in body and "less on Sundays" in body

    # An image in the materials, with its thumbnail.
    page.click(".ts-nav >> text=Materials")
    page.set_input_files("#id_file", files=[{"name": "glass.png", "mimeType": "image/png",
                                                "buffer": image_bytes("PNG", size=(320, 240))}])
    page.click("main form button:text-is('Upload')")
    expect(page.locator("main img").first).to_be_visible()
    journey.shot("image-uploaded")
    assert Material.objects.get(project=project).kind == "image"


def test_pupil_signs_in_with_a_code_and_replies(journey):
    page, base = journey.page, journey.base
    ayse = make_teacher(country="TR", approved=True, available=True, name="Ayşe Yılmaz")
    marco = make_teacher(country="IT", approved=True, available=True, name="Marco Rossi")
    project = make_project(founder=ayse, cofounder=marco, title="Rivers")
    thread = space_services.thread_create(project_id=project.pk, title="Which river is longest?",
                                          body_html="<p>Guess!</p>", user=ayse)
    _pupil, code = space_services.pupil_create(project_id=project.pk, alias="Deniz", user=ayse)
    page.goto(f"{base}/twinspace/pupils/login/")
    page.fill("#id_code", code)
    journey.shot("pupil-login")
    page.click("main button")
    expect(page.locator(".ts-pupil-bar")).to_contain_text("Deniz")
    expect(page.locator("#tab-twinspace")).to_be_visible()
    expect(page.locator(".account-links")).to_have_count(0)  # no "Log in / Create account" for a pupil
    journey.shot("pupil-twinspace")
    page.click(".ts-nav >> text=Forum")
    page.click(f"text={thread.title}")
    page.fill("textarea[name=body]", "The Nile!")
    page.click("form button:text-is('Reply')")
    expect(page.locator("main")).to_contain_text("The Nile!")
    journey.shot("pupil-reply")


def test_nss_from_home_to_the_service_dashboard_and_a_csv(journey):
    page, base = journey.page, journey.base
    nss = make_staff("nss", country="TR", email="nss@meb.example")
    make_teacher(country="TR", region="TR-06", approved=False, name="Pending Person")
    log_in(page, base, nss.email, "pw-test-123")
    expect(page).to_have_url(f"{base}/dashboard/")
    expect(page.locator("#home-waiting")).to_contain_text("Ankara (TR-06)")
    journey.shot("nss-home")
    page.click("#home-waiting >> text=Open the service dashboard")
    expect(page).to_have_url(re.compile(r"/nss/dashboard/"))
    journey.shot("nss-dashboard")
    page.locator("form[action*='pending.csv'] button").click()  # a task builds it; the exports page offers it
    expect(page).to_have_url(re.compile(r"/nss/dashboard/exports/"))
    download_link = page.locator("#exports a", has_text="Download")
    expect(download_link).to_have_count(1, timeout=15000)
    journey.shot("nss-exports")
    with page.expect_download() as download:
        download_link.click()
    assert "TR-06" in Path(download.value.path()).read_text()


def test_coordinator_from_home_to_the_queue_approves_a_teacher(journey):
    """The coordinator's own journey: home (the queue and waiting times) -> the queue, filtered ->
    approve; the teacher's home then says they are an eTwinner."""
    page, base = journey.page, journey.base
    coordinator = make_staff("coordinator", country="TR", region="TR-06", email="il.ankara@meb.example")
    elif_ = make_teacher(country="TR", region="TR-06", approved=False, name="Elif Kaya",
                         email=f"elif.{journey.width}@okul.example")
    make_teacher(country="TR", region="TR-06", approved=False, name="Deniz Ak")
    log_in(page, base, coordinator.email, "pw-test-123")
    expect(page.locator("#home-queue")).to_contain_text("Elif Kaya")
    journey.shot("coordinator-home")
    journey.menu("validation-queue")
    expect(page.locator("#queue")).to_contain_text("Deniz Ak")
    journey.shot("coordinator-queue")
    page.select_option("#f-order", "newest")  # the filters swap the results, no reload
    expect(page).to_have_url(re.compile(r"order=newest"))
    row = page.locator("#queue tr", has_text="Elif Kaya")
    row.locator("input[type=checkbox]").check()
    journey.shot("coordinator-selected")
    page.click("button[name=decision][value=approve]")
    expect(page.locator("#messages")).to_contain_text("1 approved.")
    expect(page.locator("#queue tr", has_text="Elif Kaya")).to_have_count(0)
    journey.shot("coordinator-approved")
    log_in(page, base, elif_.email, "pw-test-123")
    expect(page.locator("#etwinner-status")).to_contain_text("You are an eTwinner")
    journey.shot("teacher-approved")
