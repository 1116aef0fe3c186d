"""Those who decide a new membership (rule 1) are told it waits for them: in-app and by e-mail,
each in their own language; nobody else is."""

import pytest
from django.core import mail

from twinhub.accounts.services import profile_update
from twinhub.schools.codes import SchoolNotice
from twinhub.testing import client_for, make_staff, make_teacher
from twinhub.testing.schools import pending_membership

pytestmark = pytest.mark.django_db


def _waiting(user):
    return user.notifications.filter(kind=SchoolNotice.MEMBERSHIP_WAITING)


def test_the_provinces_coordinators_are_told_in_app_and_by_mail_in_their_language(
        people, django_capture_on_commit_callbacks):
    ankara, istanbul, nss_tr = people.coordinator, people.coordinator_tr34, people.nss_tr
    profile_update(user=ankara, language="tr")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership = pending_membership("TR-06")
    [notice] = _waiting(ankara)
    assert notice.url == "/validation/"
    assert not _waiting(istanbul).exists() and not _waiting(nss_tr).exists()  # the province has a coordinator
    [message] = [m for m in mail.outbox if m.to == [ankara.email]]
    assert membership.school.public_name in message.subject and "kararınızı bekliyor" in message.subject
    assert "/validation/" in message.body
    html = client_for(ankara, language="tr").get("/notifications/").content.decode()
    assert f"{membership.user.display_name}, {membership.school.public_name} okulunda" in html


def test_without_a_coordinator_the_countrys_nss_is_told(people, django_capture_on_commit_callbacks):
    nss_it, nss_tr = people.nss_it, people.nss_tr
    with django_capture_on_commit_callbacks(execute=True):
        pending_membership("IT")
    assert _waiting(nss_it).count() == 1 and not _waiting(nss_tr).exists()
    nobody_in_konya = make_staff("nss", country="TR")
    with django_capture_on_commit_callbacks(execute=True):
        pending_membership("TR-42")  # Konya has no coordinator: Türkiye's NSS decides
    assert _waiting(nss_tr).count() == 1 and _waiting(nobody_in_konya).count() == 1


def test_a_membership_approved_before_the_commit_bothers_nobody(people, django_capture_on_commit_callbacks):
    ankara = people.coordinator
    with django_capture_on_commit_callbacks(execute=True):
        make_teacher(country="TR", region="TR-06", approved=True)  # an operator's provisioning
    assert not _waiting(ankara).exists()
