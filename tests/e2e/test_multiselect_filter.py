"""The multi-select component in a browser (issue 13, defect 10): typing narrows the checkbox list,
a chosen item stays in view whatever is typed and is named above the list, and the form sends it."""

import pytest
from playwright.sync_api import expect

from twinhub.accounts.models import Profile
from twinhub.testing import make_teacher
from twinhub.testing.browser import use_session_of

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_filter_choose_and_save_subjects_on_the_profile(live_server, page):
    me = make_teacher()
    use_session_of(page, live_server.url, me)
    page.goto(f"{live_server.url}/profile/")
    group = page.locator("fieldset#id_subjects")
    group.locator("input[type=search]").fill("bio")
    expect(group.locator("li:visible")).to_have_count(1)
    group.get_by_label("Biology").check()
    expect(group.locator("[data-count]")).to_have_text("1 chosen")
    expect(group.locator("[data-chosen] .chip")).to_have_text(["Biology"])
    group.locator("input[type=search]").fill("drama")
    expect(group.get_by_label("Biology")).to_be_visible()  # chosen: never filtered away
    group.get_by_label("Drama").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert sorted(Profile.objects.get(user=me).subjects) == ["biology", "drama"]
