"""Rule 6 on the web and in the API: pending users cannot be added in either direction, the
matrix of who may act on a request, and the Turkish explanation."""

import pytest

from twinhub.contacts import services
from twinhub.contacts.models import ContactRequest, RequestStatus
from twinhub.contacts.selectors import are_contacts
from twinhub.testing import (
    TEACHERS,
    ApiClient,
    assert_refused,
    assert_same_queries,
    client_for,
    db_state,
    make_teacher,
    page_queries,
)
from twinhub.testing.projects import make_contacts

# Everyone of rule 6's cases exists from the start: refusals name the coordinator who decides,
# and a snapshot taken before a request holds them all.
pytestmark = [pytest.mark.django_db, pytest.mark.people(*TEACHERS, "coordinator")]

PENDING_PAIRS = [("teacher", "pending_teacher"), ("pending_teacher", "teacher"), ("teacher_it", "pending_teacher_it"), ("pending_teacher_it", "teacher_it")]


@pytest.mark.parametrize("sender, receiver", PENDING_PAIRS)
def test_api_pending_user_cannot_be_added_either_direction(people, sender, receiver):
    before = db_state()
    response = ApiClient(people[sender]).post("/contact-requests", {"to_user_id": people[receiver].pk})
    body = assert_refused(response, "membership_pending", 403)
    assert body["who_must_act"] and body["next_step"]
    assert db_state() == before


def test_api_not_etwinner_code(people):
    before = db_state()
    response = ApiClient(people["no_profile"]).post("/contact-requests", {"to_user_id": people["teacher"].pk})
    assert_refused(response, "not_etwinner", 403)
    assert db_state() == before


@pytest.mark.parametrize("sender, receiver", PENDING_PAIRS)
def test_web_pending_user_cannot_be_added_either_direction(people, sender, receiver):
    client = client_for(people[sender])
    card = client.get(f"/teachers/{people[receiver].pk}/")
    assert card.status_code == 200
    html = card.content.decode()
    assert 'data-code="membership_pending"' in html and 'id="add-contact"' not in html
    before = db_state()
    client.post(f"/teachers/{people[receiver].pk}/request/")
    assert db_state() == before


def test_web_card_explains_whose_membership_and_who_decides(people):
    html = client_for(people["teacher_it"]).get(f"/teachers/{people['pending_teacher'].pk}/").content.decode()
    assert "Pending Teacher" in html and "TR-06" in html and people["coordinator"].email in html


def test_web_add_contact_flow(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    card = client_for(ayse).get(f"/teachers/{marco.pk}/").content.decode()
    assert 'id="add-contact"' in card
    client_for(ayse).post(f"/teachers/{marco.pk}/request/", {"message": "Selam"})
    request = ContactRequest.objects.get(from_user=ayse, to_user=marco)
    page = client_for(marco).get("/contacts/").content.decode()
    assert f'id="request-{request.pk}"' in page and "Selam" in page
    client_for(marco).post(f"/contacts/requests/{request.pk}/accept/")
    assert are_contacts(ayse, marco)
    assert f'id="contact-{marco.pk}"' in client_for(ayse).get("/contacts/").content.decode()


def test_turkish_refusal_via_accept_language(people):
    response = ApiClient(people["teacher"], language="tr").post("/contact-requests",
                                                              {"to_user_id": people["pending_teacher"].pk})
    body = assert_refused(response, "membership_pending", 403)
    assert "onay" in body["message"] and "il koordinatör" in body["who_must_act"]
    self_refusal = ApiClient(people["teacher"], language="tr").post("/contact-requests",
                                                                 {"to_user_id": people["teacher"].pk})
    assert assert_refused(self_refusal, "self_contact", 400)["message"] == \
        "Kendinizi irtibat kişisi olarak ekleyemezsiniz."
    page = client_for(people["teacher"]).get("/contacts/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert "İrtibat kişileriniz" in page


ACTIONS = ["accept", "decline", "withdraw"]
DONE = {"accept": RequestStatus.ACCEPTED, "decline": RequestStatus.DECLINED, "withdraw": RequestStatus.WITHDRAWN}
# Who may do what with Ayşe's request to Marco: the expected answer.
EXPECTED = {
    ("teacher_it", "accept"): 200, ("teacher_it", "decline"): 200, ("teacher_it", "withdraw"): 403,
    ("teacher", "accept"): 403, ("teacher", "decline"): 403, ("teacher", "withdraw"): 200,
}


@pytest.mark.parametrize("role", ["teacher", "teacher_it", "teacher_pl", "pending_teacher", "coordinator", "anonymous"])
@pytest.mark.parametrize("action", ACTIONS)
def test_request_action_matrix_api(people, role, action):
    request = services.contact_request_send(sender=people["teacher"], to_user_id=people["teacher_it"].pk)
    before = db_state()
    response = ApiClient(people.get(role)).post(f"/contact-requests/{request.pk}/{action}")
    if role == "anonymous":
        assert response.status_code == 401
    else:
        expected = EXPECTED.get((role, action), 404)
        assert response.status_code == expected, response.json()
        if expected == 200:
            assert response.json()["status"] == DONE[action]
            assert ContactRequest.objects.get(pk=request.pk).status == DONE[action]
            return
        assert_refused(response, "forbidden" if expected == 403 else "not_found", expected)
    assert db_state() == before


@pytest.mark.parametrize("role", ["teacher", "teacher_it", "teacher_pl", "coordinator", "anonymous"])
@pytest.mark.parametrize("action", ACTIONS)
def test_request_action_matrix_web(people, role, action):
    request = services.contact_request_send(sender=people["teacher"], to_user_id=people["teacher_it"].pk)
    before = db_state()
    response = client_for(people.get(role)).post(f"/contacts/requests/{request.pk}/{action}/")
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
    elif (role, action) in EXPECTED:
        assert response.status_code == 302
        if EXPECTED[(role, action)] == 200:
            assert ContactRequest.objects.get(pk=request.pk).status == DONE[action]
            return
    else:
        assert response.status_code == 404
    assert db_state() == before


def test_api_contacts_and_lists(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    created = ApiClient(ayse).post("/contact-requests", {"to_user_id": marco.pk, "message": "Hi"})
    assert created.status_code == 201
    lists = ApiClient(marco).get("/contact-requests").json()
    assert [r["id"] for r in lists["incoming"]] == [created.json()["id"]] and lists["outgoing"] == []
    assert ApiClient(marco).post(f"/contact-requests/{created.json()['id']}/accept").status_code == 200
    assert [c["id"] for c in ApiClient(ayse).get("/contacts").json()] == [marco.pk]
    assert ApiClient(people["teacher_pl"]).get("/contacts").json() == []
    assert ApiClient(ayse).delete(f"/contacts/{marco.pk}").status_code == 204
    assert ApiClient(ayse).get("/contacts").json() == []


def test_profile_card_of_account_without_profile_is_404(people):
    assert client_for(people["teacher"]).get(f"/teachers/{people['no_profile'].pk}/").status_code == 404
    assert client_for(people["teacher"]).get("/teachers/999999/").status_code == 404
    assert client_for(None).get(f"/teachers/{people['teacher_it'].pk}/").status_code == 302


def test_contacts_page_query_count_does_not_grow(people):
    ayse = people["teacher"]
    make_contacts(ayse, people["teacher_it"])
    few = page_queries(client_for(ayse), "/contacts/")
    for _ in range(6):
        other = make_teacher(country="FR")
        make_contacts(ayse, other)
        services.contact_request_send(sender=make_teacher(country="DE"), to_user_id=ayse.pk)
        services.contact_request_send(sender=ayse, to_user_id=make_teacher(country="ES").pk)
    assert_same_queries(few, page_queries(client_for(ayse), "/contacts/"))
