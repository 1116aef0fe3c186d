"""Support requests: routed to the user's country's NSS, answered by email and in-app, and
invisible to everyone else."""

import re

import pytest
from django.core import mail
from django.utils import translation

from twinhub.core.errors import ApplicationError
from twinhub.core.models import AuditEntry
from twinhub.helpcentre import services
from twinhub.helpcentre.models import SupportRequest
from twinhub.testing import assert_refused, client_for, make_staff, make_teacher, queries

# The NSS of Türkiye and of Italy exist from the start: a request goes to its country's NSS.
pytestmark = [pytest.mark.django_db, pytest.mark.people("nss_tr", "nss_it")]


@pytest.fixture
def colleague(people):
    """A second member of the Turkish NSS, to assign requests to."""
    return make_staff("nss", country="TR")




def test_request_goes_to_the_country_queue_with_the_diagnosis(people):
    request = services.support_request_create(user=people["pending_teacher"], subject="Waiting", body="Still pending",
                                              consent=True)
    assert request.country == "TR"
    pending = [f for f in request.diagnostic["en"] if f["refusal"]]
    assert pending and pending[0]["refusal"]["code"] == "membership_pending"
    assert people["nss_tr"].notifications.filter(kind="support.new").exists()
    assert not people["nss_it"].notifications.exists()
    assert AuditEntry.objects.filter(action="support.created", object_id=str(request.pk)).exists()


def test_no_consent_no_diagnosis(people):
    request = services.support_request_create(user=people["pending_teacher"], subject="Q", body="Q", consent=False)
    assert request.diagnostic is None


@pytest.mark.parametrize("who,status", [
    ("pending_teacher", 200), ("nss_tr", 200), ("css", 200),
    ("nss_it", 404), ("coordinator", 404), ("teacher", 404),
])
def test_who_sees_a_request(people, who, status):
    request = services.support_request_create(user=people["pending_teacher"], subject="Q", body="Q", consent=True)
    assert client_for(people[who]).get(f"/support/{request.pk}/").status_code == status


@pytest.mark.parametrize("who,allowed", [("nss_tr", True), ("css", True), ("nss_it", False),
                                         ("coordinator", False), ("teacher", False)])
def test_who_can_reply_and_assign(people, colleague, who, allowed):
    request = services.support_request_create(user=people["pending_teacher"], subject="Q", body="Q", consent=True)
    client = client_for(people[who])
    client.post(f"/support/{request.pk}/", {"body": "Here is the answer"})
    client.post(f"/support/{request.pk}/manage/", {"assignee": str(colleague.pk)})
    request.refresh_from_db()
    assert (request.messages.count() == 1) is allowed
    assert (request.assigned_to == colleague) is allowed
    if not allowed:
        assert request.status == "open"


def test_staff_reply_emails_the_teacher_in_their_language(people):
    teacher = people["pending_teacher"]
    teacher.language = "tr"
    teacher.save()
    request = services.support_request_create(user=teacher, subject="Soru", body="Bekliyorum", consent=False)
    mail.outbox.clear()
    with pytest.raises(ApplicationError):  # a reply to a request is not a reply to nothing
        services.support_reply(actor=people["nss_tr"], request_id=request.pk, body="   ")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.support_reply(actor=people["nss_tr"], request_id=request.pk, body="Koordinatörünüze yazdık.")
    request.refresh_from_db()
    assert request.status == "waiting_for_user"
    assert request.assigned_to == people["nss_tr"]
    assert teacher.notifications.filter(kind="support.reply").exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [teacher.email]
    assert "Ulusal Destek Servisi" in mail.outbox[0].body or "National Support Service" in mail.outbox[0].body


def test_teacher_reply_reopens(people):
    request = services.support_request_create(user=people["pending_teacher"], subject="Q", body="Q", consent=False)
    services.support_reply(actor=people["nss_tr"], request_id=request.pk, body="Answer")
    services.support_reply(actor=people["pending_teacher"], request_id=request.pk, body="Thanks, but…")
    request.refresh_from_db()
    assert request.status == "open"
    assert people["nss_tr"].notifications.filter(kind="support.user_reply").exists()


def test_assignee_must_be_staff_of_the_country(people, api):
    request = services.support_request_create(user=people["pending_teacher"], subject="Q", body="Q", consent=False)
    with pytest.raises(ApplicationError) as error:
        services.support_assign(actor=people["nss_tr"], request_id=request.pk, assignee_id=people["nss_it"].pk)
    assert error.value.code == "invalid"
    request.refresh_from_db()
    assert request.assigned_to is None


def test_support_queue_is_scoped(people):
    for i in range(3):
        services.support_request_create(user=people["pending_teacher"], subject=f"Q{i}", body="Q", consent=False)
    it_teacher = make_teacher(country="IT")
    services.support_request_create(user=it_teacher, subject="Italian", body="Q", consent=False)
    page = client_for(people["nss_tr"]).get("/support/queue/").content.decode()
    assert "Q0" in page and "Italian" not in page
    assert client_for(people["pending_teacher"]).get("/support/queue/").status_code == 404
    client = client_for(people["css"])
    with queries(at_most=12):
        page = client.get("/support/queue/").content.decode()
    assert "Italian" in page and "Q2" in page


def test_api_support_request_and_refusals(people, api):
    response = api(people["pending_teacher"]).post("/support-requests", {"subject": "API", "body": "Hello", "consent": True})
    assert response.status_code == 201 and response.json()["diagnostic_attached"] is True
    request_id = response.json()["id"]
    assert_refused(api(people["nss_it"]).get(f"/support-requests/{request_id}"), "not_found", 404)
    assert api(people["nss_tr"]).post(f"/support-requests/{request_id}/replies", {"body": "Hi"}).status_code == 201
    assert SupportRequest.objects.get(pk=request_id).status == "waiting_for_user"


def test_user_without_profile_chooses_country(db):
    from twinhub.accounts.provisioning import verified_user

    user = verified_user(email="nobody@test.example", password="x")
    with pytest.raises(ApplicationError) as error:
        services.support_request_create(user=user, subject="Q", body="Q", consent=False)
    assert error.value.code == "invalid"
    assert services.support_request_create(user=user, subject="Q", body="Q", consent=False, country="PL").country == "PL"


def test_the_consent_box_is_not_ticked_before_the_teacher_ticks_it(people):
    html = client_for(people.pending_teacher).get("/support/").content.decode()
    box = re.search(r'<input[^>]*name="consent"[^>]*>', html).group(0)
    assert "checked" not in box


def test_staff_read_the_diagnosis_in_their_language_not_the_teachers(people):
    with translation.override("en"):  # the teacher writes in English
        item = services.support_request_create(user=people.pending_teacher, subject="Waiting", body="Still pending",
                                               consent=True)
    html = client_for(people.nss_tr, language="tr").get(f"/support/{item.pk}/").content.decode()
    diagnosis = html[html.index("data-diagnosis"):]
    assert "Neden irtibat kişisi ekleyemiyorum" in diagnosis
    assert "Why can&#x27;t I add contacts" not in diagnosis
    html = client_for(people.nss_tr, language="en").get(f"/support/{item.pk}/").content.decode()
    assert "Why can&#x27;t I add contacts" in html[html.index("data-diagnosis"):]
