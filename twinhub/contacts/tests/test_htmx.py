"""Accept and decline without a reload (decision 36): the same views answer HTMX with the contacts
page's lists and the message out of band; a refusal is the refusal box, with its status, and
changes nothing. Without HTMX they still redirect to the page."""

import pytest

from twinhub.contacts import services
from twinhub.contacts.models import ContactRequest, RequestStatus
from twinhub.testing import client_for, db_state, make_teacher

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def request_to_marco():
    ayse = make_teacher(country="TR", approved=True, available=True, name="Ayşe Yılmaz")
    marco = make_teacher(country="IT", approved=True, available=True, name="Marco Rossi")
    return ayse, marco, services.contact_request_send(sender=ayse, to_user_id=marco.pk, message="Selam")


def test_the_contacts_page_answers_htmx_with_its_lists_only(request_to_marco):
    _ayse, marco, _request = request_to_marco
    html = client_for(marco).get("/contacts/", **HTMX).content.decode()
    assert "<html" not in html and 'id="contact-lists"' in html and "Ayşe Yılmaz" in html
    assert 'hx-post="/contacts/requests/' in html


@pytest.mark.parametrize("action, status", [("accept", RequestStatus.ACCEPTED), ("decline", RequestStatus.DECLINED)])
def test_accept_and_decline_answer_the_lists_and_the_message(request_to_marco, action, status):
    ayse, marco, request = request_to_marco
    response = client_for(marco).post(f"/contacts/requests/{request.pk}/{action}/", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert ContactRequest.objects.get(pk=request.pk).status == status
    assert f'id="request-{request.pk}"' not in html
    assert (f'id="contact-{ayse.pk}"' in html) == (action == "accept")
    assert '<div id="messages"' in html and 'hx-swap-oob="true"' in html
    assert ("Contact request accepted." if action == "accept" else "Contact request declined.") in html


def test_a_refused_accept_shows_the_refusal_box_and_changes_nothing(request_to_marco):
    ayse, _marco, request = request_to_marco
    before = db_state()
    response = client_for(ayse).post(f"/contacts/requests/{request.pk}/accept/",  # the sender cannot accept
                                     HTTP_HX_TARGET="contact-lists", **HTMX)
    html = response.content.decode()
    assert response.status_code == 403 and "<html" not in html and "HX-Retarget" not in response
    assert 'class="msg-refusal"' in html and 'class="refusal"' in html and 'hx-swap-oob="true"' in html
    assert f'id="request-{request.pk}"' in html  # still waiting, still listed
    assert db_state() == before


def test_without_htmx_the_form_still_redirects_to_the_page(request_to_marco):
    _ayse, marco, request = request_to_marco
    response = client_for(marco).post(f"/contacts/requests/{request.pk}/accept/")
    assert response.status_code == 302 and response["Location"] == "/contacts/"
    page = client_for(marco).get("/contacts/").content.decode()
    assert "<html" in page and 'id="contact-lists"' in page


def test_an_out_of_scope_request_is_a_whole_404_page_that_replaces_the_body(request_to_marco):
    _ayse, _marco, request = request_to_marco
    stranger = make_teacher(country="PL", approved=True)
    response = client_for(stranger).post(f"/contacts/requests/{request.pk}/accept/", **HTMX)
    assert response.status_code == 404 and response["HX-Retarget"] == "body"
    aimed = client_for(stranger).post(f"/contacts/requests/{request.pk}/accept/", HTTP_HX_TARGET="contact-lists",
                                      **HTMX)
    assert aimed["HX-Retarget"] == "body"  # the 404 page does not hold the lists
