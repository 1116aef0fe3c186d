"""Quality Label windows: teachers with a project in the country hear when applications open, and
three days before they close if they have not applied; each notice once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from twinhub.core.models import Notification
from twinhub.labels.codes import LabelNotice
from twinhub.labels.models import ApplicationWindow
from twinhub.labels.tasks import label_window_notices_send
from twinhub.testing.labels import apply, european_project
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db


def _told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


def test_the_opening_notice_reaches_the_countrys_project_teachers_once(nss_tr):
    today = timezone.localdate()
    ayse, marco = teacher("TR"), teacher("IT")
    project = european_project(ayse)
    ApplicationWindow.objects.create(country="TR", year=today.year, opens_on=today, closes_on=today + timedelta(days=30))
    assert label_window_notices_send() == 1
    assert _told(LabelNotice.WINDOW_OPENED) == {ayse.pk}
    assert marco.pk not in _told(LabelNotice.WINDOW_OPENED) and project.pk
    assert "applications are open until" in Notification.objects.get(kind=LabelNotice.WINDOW_OPENED).text
    assert label_window_notices_send() == 0  # a second run the same day: nothing more


def test_the_closing_notice_skips_who_applied(window_tr):
    applied, waiting = teacher("TR"), teacher("TR")
    apply(applied, european_project(applied))
    european_project(waiting)
    today = timezone.localdate()
    ApplicationWindow.objects.filter(pk=window_tr.pk).update(opens_on=today - timedelta(days=20),
                                                             closes_on=today + timedelta(days=3))
    Notification.objects.all().delete()
    assert label_window_notices_send() == 1
    assert _told(LabelNotice.WINDOW_CLOSING) == {waiting.pk}
    assert label_window_notices_send() == 0
