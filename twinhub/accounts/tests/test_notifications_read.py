"""Reading the notifications page changes nothing; marking them read is an explicit action
(issue 12, finding 8)."""

import pytest

from twinhub.core.models import Notification
from twinhub.core.notifications import notify
from twinhub.projects.codes import ProjectNotice
from twinhub.testing import client_for, db_state, make_teacher

pytestmark = pytest.mark.django_db


def _two_notices(user):
    for n in range(2):
        notify(user=user, kind=ProjectNotice.INVITED, params={"project": f"P{n}", "inviter": "A"}, url="/")
    return list(Notification.objects.filter(user=user).order_by("pk"))


def test_opening_the_page_marks_nothing_read():
    teacher = make_teacher()
    _two_notices(teacher)
    client = client_for(teacher)
    before = db_state()
    response = client.get("/notifications/")
    assert response.status_code == 200 and b'data-mark-read' in response.content
    assert db_state() == before


def test_marking_one_or_all_read_is_a_post():
    teacher, other = make_teacher(), make_teacher()
    first, second = _two_notices(teacher)
    [others] = _two_notices(other)[:1]
    client = client_for(teacher)
    assert client.post("/notifications/read/", {"id": first.pk}).status_code == 302
    assert Notification.objects.filter(read_at__isnull=True, user=teacher).get() == second
    client.post("/notifications/read/", {"id": others.pk})  # someone else's: untouched
    assert Notification.objects.get(pk=others.pk).read_at is None
    client.post("/notifications/read/")
    assert not Notification.objects.filter(read_at__isnull=True, user=teacher).exists()
    assert client.get("/notifications/read/").status_code == 405
