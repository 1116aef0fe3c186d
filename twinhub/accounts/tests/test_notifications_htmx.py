"""Marking notifications read without a reload (decision 36): the notifications page answers HTMX
with its list and the header's unread count out of band (removed at zero)."""

import pytest

from twinhub.core.models import Notification
from twinhub.core.notifications import notify
from twinhub.projects.codes import ProjectNotice
from twinhub.testing import client_for, make_teacher

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _notices(user, n=2):
    for i in range(n):
        notify(user=user, kind=ProjectNotice.INVITED, params={"project": f"P{i}", "inviter": "A"}, url="/")
    return list(Notification.objects.filter(user=user).order_by("pk"))


def test_marking_one_read_answers_the_list_and_the_new_count():
    teacher = make_teacher()
    first, second = _notices(teacher)
    response = client_for(teacher).post("/notifications/read/", {"id": first.pk}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="notification-list"' in html
    assert f'data-mark-read="{first.pk}"' not in html and f'data-mark-read="{second.pk}"' in html
    assert 'id="nav-unread-count" hx-swap-oob="true"' in html and ">1</span>" in html


def test_marking_all_read_removes_the_count():
    teacher = make_teacher()
    _notices(teacher)
    html = client_for(teacher).post("/notifications/read/", **HTMX).content.decode()
    assert '<span id="nav-unread-count" hx-swap-oob="delete"></span>' in html
    assert 'data-mark-read="all"' in html and not Notification.objects.filter(read_at__isnull=True).exists()
