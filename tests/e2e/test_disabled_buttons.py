"""A disabled button looks disabled (issue 13, defect 6): on the invite list, the button of a contact
who cannot be invited is drawn differently from an active one and shows it cannot be clicked."""

import pytest

from twinhub.testing.browser import use_session_of
from twinhub.testing.projects import make_contacts, make_project, teacher

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LOOK = """b => { const s = getComputedStyle(b);
  return {background: s.backgroundColor + s.backgroundImage, color: s.color, cursor: s.cursor, border: s.borderStyle}; }"""


def test_the_invite_lists_disabled_buttons_look_disabled(live_server, page):
    project = make_project(founder=teacher("TR"), cofounder=teacher("IT"))
    free, busy = teacher("DE"), teacher("FR", available=False)
    for person in (free, busy):
        make_contacts(project.founder, person)
    use_session_of(page, live_server.url, project.founder)
    page.goto(f"{live_server.url}/projects/{project.pk}/invite/")
    active = page.locator(f"#invite-list tr[data-user='{free.pk}'] button").evaluate(LOOK)
    disabled = page.locator(f"#invite-list tr[data-user='{busy.pk}'] button").evaluate(LOOK)
    assert disabled["cursor"] == "not-allowed" and active["cursor"] == "pointer"
    assert disabled["background"] != active["background"] and disabled["color"] != active["color"]
