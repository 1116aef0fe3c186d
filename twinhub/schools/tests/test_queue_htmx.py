"""The validation queue without a reload (decision 36): its filters and its decisions answer HTMX
with the queue's results (the decision's message out of band), for the filters the coordinator was
looking at; a refusal is the refusal box and changes nothing; without HTMX, as before."""

import pytest

from twinhub.schools.models import Membership, MembershipStatus
from twinhub.testing import client_for, db_state, make_staff, make_teacher

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def queue():
    coordinator = make_staff("coordinator", country="TR", region="TR-06")
    elif_ = make_teacher(country="TR", region="TR-06", approved=False, name="Elif Kaya")
    deniz = make_teacher(country="TR", region="TR-06", approved=False, name="Deniz Ak")
    return coordinator, Membership.objects.get(user=elif_), Membership.objects.get(user=deniz)


def test_the_filters_answer_the_results_only(queue):
    coordinator, elif_, _deniz = queue
    response = client_for(coordinator).get("/validation/", {"school": elif_.school_id}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="queue-results"' in html
    assert "Elif Kaya" in html and "Deniz Ak" not in html
    assert f'name="next" value="/validation/?school={elif_.school_id}"' in html


def test_approving_answers_the_queue_of_the_same_filters(queue):
    coordinator, elif_, deniz = queue
    response = client_for(coordinator).post("/validation/decide/", {
        "membership": [elif_.pk], "decision": "approve", "next": "/validation/?order=newest"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="queue-results"' in html
    assert Membership.objects.get(pk=elif_.pk).status == MembershipStatus.APPROVED
    assert f'id="membership-{elif_.pk}"' not in html and f'id="membership-{deniz.pk}"' in html  # still pending
    assert "1 approved." in html and 'hx-swap-oob="true"' in html
    assert 'name="next" value="/validation/?order=newest"' in html


def test_a_refused_decision_is_the_refusal_box_and_changes_nothing(queue):
    coordinator, elif_, _deniz = queue
    before = db_state()
    response = client_for(coordinator).post("/validation/decide/", {
        "membership": [elif_.pk], "decision": "reject", "reason": ""}, **HTMX)  # a rejection needs its reason
    html = response.content.decode()
    assert response.status_code >= 400 and "<html" not in html
    assert 'class="refusal"' in html and f'id="membership-{elif_.pk}"' in html
    assert db_state() == before


def test_without_htmx_the_decision_redirects_to_the_queue(queue):
    coordinator, elif_, _deniz = queue
    response = client_for(coordinator).post("/validation/decide/", {
        "membership": [elif_.pk], "decision": "approve", "next": "/validation/?order=newest"})
    assert response.status_code == 302 and response["Location"] == "/validation/?order=newest"
