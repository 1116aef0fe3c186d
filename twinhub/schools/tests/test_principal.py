"""The principal's one-time link: confirm or deny once; validators see the answer."""

import re

import pytest
from django.core import mail

from twinhub.core.models import AuditEntry
from twinhub.schools.models import Membership, PrincipalAnswer
from twinhub.testing import STAFF, client_for, db_state
from twinhub.testing.schools import pending_membership

pytestmark = [pytest.mark.django_db, pytest.mark.people("teacher", *STAFF)]  # every validator exists


@pytest.fixture
def asked(django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership = pending_membership("TR-06")
    return membership


def _link(membership) -> str:
    [message] = [m for m in mail.outbox if m.to == [membership.school.principal_email]]
    return re.search(r"https?://[^/\s]+(/principal/[^\s]+/)", message.body).group(1)


def test_the_principal_gets_one_email_with_a_link(asked):
    assert _link(asked) == f"/principal/{asked.principal_token}/"
    assert asked.user.email in next(m.body for m in mail.outbox if m.to == [asked.school.principal_email])


@pytest.mark.parametrize("answer,expected", [("confirm", PrincipalAnswer.CONFIRMED), ("deny", PrincipalAnswer.DENIED)])
def test_the_link_works_once(asked, answer, expected, people):
    client = client_for(None)
    link = _link(asked)
    assert client.get(link).status_code == 200
    response = client.post(link, {"answer": answer})
    assert response.status_code == 200
    asked.refresh_from_db()
    assert asked.principal_answer == expected and asked.principal_answered_at is not None
    entry = AuditEntry.objects.get(action="membership.principal_answered", object_id=str(asked.pk))
    assert entry.actor is None and entry.data["answer"] == expected

    before = db_state()
    again = client.post(link, {"answer": "deny" if answer == "confirm" else "confirm"})
    assert again.status_code == 409 and 'data-code="already_answered"' in again.content.decode()
    assert db_state() == before

    # The validator of the province sees the answer in the queue.
    page = client_for(people["coordinator"]).get("/validation/").content.decode()
    row = page[page.index(f'id="membership-{asked.pk}"'):]
    assert f"principal-{expected}" in row[:2000]
    assert str(expected.label) in row[:2000]


def test_an_unknown_token_is_not_found(asked):
    before = db_state()
    assert client_for(None).get("/principal/not-a-token/").status_code == 404
    assert client_for(None).post("/principal/not-a-token/", {"answer": "confirm"}).status_code == 404
    assert db_state() == before


def test_a_malformed_answer_changes_nothing(asked):
    before = db_state()
    assert client_for(None).post(_link(asked), {"answer": "maybe"}).status_code == 400
    assert db_state() == before
    assert Membership.objects.get(pk=asked.pk).principal_answer == PrincipalAnswer.AWAITING
