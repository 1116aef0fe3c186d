"""Browser journey through a group's pages and materials: the author edits a page; another member
reports it; the group's moderator hides it from the page and hides a material; the reporter hears
the outcome. Then every group page, in English and Turkish at 1280, 390 and 360 px: no page is
wider than the screen. Screenshots in the test's folder."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from twinhub.groups import services
from twinhub.testing import make_staff, make_teacher
from twinhub.testing.browser import log_in, screenshot, use_session_of
from twinhub.testing.groups import add_material, add_page, make_group, make_partner_post, start_thread

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390, "small": 360}


def test_edit_report_and_hide_a_group_page(live_server, page, tmp_path):
    nss = make_staff("nss", country="TR")
    author = make_teacher(country="TR", name="Ayşe Yıldız")
    reporter = make_teacher(country="IT", name="Marco Rossi")
    group = make_group(nss, title="STEM teachers", members=[author, reporter])
    add_page(group, author, title="Our plan")
    add_material(group, author, name="Rain gauge photo")
    base = live_server.url

    log_in(page, base, author.email)
    page.goto(f"{base}/groups/{group.pk}/")
    page.click("#group-pages >> text=Our plan")
    page.click("#page-edit")
    page.fill("#title", "Our plan for spring")
    page.fill("#body", "Week 1: build rain gauges. Visit www.buy-gauges.example for cheap kits!")
    page.click("#page-form button")
    expect(page.locator("#group-page")).to_contain_text("Our plan for spring")
    expect(page.locator("#page-hide")).to_have_count(0)  # the author edits and removes; hiding is the moderators'

    log_in(page, base, reporter.email)
    page.goto(f"{base}/groups/{group.pk}/")
    page.click("#group-pages >> text=Our plan for spring")
    expect(page.locator("#page-edit")).to_have_count(0)
    page.click("#page-actions .report-link")
    page.fill("#reason", "An advert in the middle of the plan.")
    page.click("#report-send")
    expect(page.locator("#my-reports")).to_contain_text("Waiting for a decision")

    log_in(page, base, nss.email)
    page.click("#nav-moderation")
    expect(page.locator("#reports")).to_contain_text("An advert in the middle of the plan.")
    page.click("#reports .report-content")
    page.click("#page-hide")
    expect(page.locator("#group-page")).to_contain_text("hidden")
    page.click("text=Materials")
    page.click("#group-materials li:has-text('Rain gauge photo') button:has-text('Hide')")
    expect(page.locator("#group-materials")).to_contain_text("hidden")
    page.click("#nav-moderation")
    page.select_option("#reports select[name=decision]", "hide")
    page.fill("#reports input[name=note]", "Adverts are not allowed in groups.")
    page.click("#reports button")
    expect(page.locator("#reports")).to_contain_text("No report is waiting.")

    log_in(page, base, reporter.email)
    page.goto(f"{base}/groups/{group.pk}/")
    expect(page.locator("#group-pages")).not_to_contain_text("Our plan")
    page.goto(f"{base}/moderation/mine/")
    expect(page.locator("#my-reports")).to_contain_text("Decided: Hide")


def test_the_group_pages_fit_every_width_in_both_languages(live_server, page, tmp_path):
    nss = make_staff("nss", country="TR")
    teacher = make_teacher(country="TR", name="Ayşe Yıldız")
    other = make_teacher(country="IT", name="Marco Rossi")
    group = make_group(nss, title="Bilim ve teknoloji öğretmenleri — STEM teachers across Europe",
                       members=[teacher, other])
    post = start_thread(group, teacher, title="Yağmur ölçerler / Rain gauges",
                        body="<p>Şişelerden yağmur ölçer yaptık. Verilerimizi kim karşılaştırmak ister?</p>")
    services.post_create(user=other, group_id=group.pk, thread_id=post.thread_id, body_html="<p>We do!</p>")
    page_item = add_page(group, teacher, title="Bahar dönemi planımız")
    add_material(group, teacher, name="yagmur-olcer-fotografi-cok-uzun-bir-dosya-adi-2026-bahar.png")
    add_material(group, other, name="Data sheet")
    make_partner_post(teacher, title="Suyun izinde: iklim ve su projesi için ortak arıyoruz")
    services.report_file(reporter=other, target="group_post", target_id=post.pk, reason="Bir deneme bildirimi.")
    g = group.pk
    paths = {"directory": "/groups/", "mine": "/groups/mine/", "home": f"/groups/{g}/",
             "thread": f"/groups/{g}/threads/{post.thread_id}/", "page": f"/groups/{g}/pages/{page_item.pk}/",
             "page-edit": f"/groups/{g}/pages/{page_item.pk}/edit/", "materials": f"/groups/{g}/materials/",
             "members": f"/groups/{g}/members/", "partners": "/partners/", "queue": "/moderation/",
             "report": f"/report/group_post/{post.pk}/"}
    base = live_server.url
    too_wide = []
    for language in ("en", "tr"):
        for who, user in (("moderator", nss), ("member", teacher)):
            use_session_of(page, base, user)
            page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}])
            for name, path in paths.items():
                if name == ("report" if who == "moderator" else "queue"):  # one's own post; the deciders' queue
                    continue
                for label, width in WIDTHS.items():
                    page.set_viewport_size({"width": width, "height": 900})
                    response = page.goto(f"{base}{path}")
                    assert response.status == 200, (language, who, path, response.status)
                    assert page.get_attribute("html", "lang") == language
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    tabs = page.evaluate("(() => { const u = document.querySelector('.group-tabs ul');"
                                         " return u ? u.scrollWidth - u.clientWidth : 0; })()")
                    if overflow > 0 or tabs > 0:
                        too_wide.append((language, who, name, width, overflow, tabs))
                    screenshot(page, tmp_path / f"{name}-{who}-{language}-{label}.png")
    assert not too_wide, too_wide
