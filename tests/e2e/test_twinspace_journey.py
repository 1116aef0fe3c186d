"""A teacher creates a page and a pupil account; the pupil logs in with the code, replies in
the forum, and cannot open another project's TwinSpace."""

import pytest
from playwright.sync_api import expect

from twinhub.testing.browser import use_session_of
from twinhub.testing.projects import make_project, teacher
from twinhub.twinspace import services
from twinhub.twinspace.models import Page, Post


def logged_in_context(browser, live_server, user):
    context = browser.new_context()
    use_session_of(context, live_server.url, user)
    return context


@pytest.mark.e2e
@pytest.mark.slow
def test_teacher_page_and_pupil_reply(live_server, browser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ayse = teacher(name="Ayşe Öğretmen")
    project_a = make_project(founder=ayse, cofounder=teacher(), title="Project A")
    other = teacher("IT")
    project_b = make_project(founder=other, cofounder=teacher(), title="Project B")
    services.thread_create(project_id=project_b.pk, title="Secret of B", body_html="b", user=other)
    base = f"{live_server.url}/twinspace/{project_a.pk}"

    # The teacher writes a page in the browser editor.
    teacher_page = logged_in_context(browser, live_server, ayse).new_page()
    teacher_page.goto(f"{base}/pages/new/")
    teacher_page.fill("#id_title", "Our poems")
    teacher_page.click("#rt-editor")
    teacher_page.keyboard.type("Spring is ")
    teacher_page.click("button[data-cmd=bold]")
    teacher_page.keyboard.type("green")
    teacher_page.click("#page-form button:not([type=button])")
    expect(teacher_page.locator("article h2")).to_have_text("Our poems")
    expect(teacher_page.locator(".ts-body b, .ts-body strong")).to_have_text("green")
    assert "green" in Page.objects.get(title="Our poems").body_html

    # ... starts a discussion and makes a pupil account.
    teacher_page.goto(f"{base}/forum/")
    teacher_page.fill("#id_title", "What rhymes with spring?")
    teacher_page.fill("#id_body", "Write your ideas here.")
    teacher_page.click("form button:text-is('Start')")
    teacher_page.goto(f"{base}/people/")
    teacher_page.fill("#id_alias", "Kedi")
    teacher_page.click("button:text-is('Create a pupil account')")
    code = teacher_page.locator("[data-testid=login-code]").inner_text()
    assert len(code) == 14

    # The pupil signs in with the code, at the pupil log-in page.
    pupil_page = browser.new_context().new_page()
    pupil_page.goto(f"{live_server.url}/twinspace/pupils/login/")
    pupil_page.fill("#id_code", code)
    pupil_page.click("main button")
    expect(pupil_page.locator(".ts-pupil-bar")).to_contain_text("Kedi")
    expect(pupil_page.locator(".ts-tree")).to_contain_text("Our poems")
    pupil_page.click("nav.ts-nav >> text=Forum")
    pupil_page.click("text=What rhymes with spring?")
    pupil_page.fill("#id_reply", "King and sing!")
    pupil_page.click("form button:text-is('Reply')")
    expect(pupil_page.locator("#last")).to_contain_text("King and sing!")
    expect(pupil_page.locator("#last")).to_contain_text("Kedi")
    assert Post.objects.filter(author_pupil__alias="Kedi", body_html="<p>King and sing!</p>").exists()

    # Another project's TwinSpace is not there for this pupil.
    for path in ("forum/", "materials/", "people/", "meetings/"):
        response = pupil_page.goto(f"{live_server.url}/twinspace/{project_b.pk}/{path}")
        assert response.status == 404, path
    assert "Secret of B" not in pupil_page.content()
