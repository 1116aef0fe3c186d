"""Adding an address says nothing about other accounts (issue 12, finding 1): a taken address is
answered like a free one, its owner is told by mail, and an account holds at most
ACCOUNT_MAX_EMAIL_ADDRESSES addresses."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings

from twinhub.testing import ApiClient, assert_refused, client_for, db_state, make_teacher

pytestmark = pytest.mark.django_db


def _add(api, email, capture):
    with capture(execute=True):
        return api.post("/me/emails", {"email": email})


def test_a_taken_address_is_answered_like_a_free_one(django_capture_on_commit_callbacks, mailoutbox):
    make_teacher(email="owner@school.example")
    api = ApiClient(make_teacher(email="prober@school.example"))
    free = _add(api, "free@school.example", django_capture_on_commit_callbacks)
    taken = _add(api, "owner@school.example", django_capture_on_commit_callbacks)
    assert free.status_code == taken.status_code == 201
    assert free.json() | {"email": "x"} == taken.json() | {"email": "x"}
    emails = {e["email"] for e in api.get("/me").json()["emails"]}
    assert {"free@school.example", "owner@school.example"} <= emails
    # The owner is told someone tried; no verification link goes to the owner's address.
    [to_owner] = [m for m in mailoutbox if m.to == ["owner@school.example"]]
    assert "another account" in to_owner.body and "/accounts/confirm-email/" not in to_owner.body
    # …and the address cannot be verified on the prober's account later.
    assert not EmailAddress.objects.get(email="owner@school.example", user__email="prober@school.example").can_set_verified()


def test_the_page_answers_the_same_way(django_capture_on_commit_callbacks):
    make_teacher(email="owner@school.example")
    client = client_for(make_teacher(email="prober@school.example"))
    pages = []
    for email in ("free@school.example", "owner@school.example"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/legacy/claim/", {"email": email}, follow=True)
        page = response.content.decode().replace(email, "ADDRESS")
        page = re.sub(r"[A-Za-z0-9]{64}", "CSRF", page)  # each page masks its CSRF token anew
        pages.append(re.sub(r'([Nn]once["=:\s]+)"?[A-Za-z0-9+/=]+', r"\1NONCE", page))  # and has its own CSP nonce
    assert pages[0] == pages[1]


def test_an_account_holds_at_most_the_configured_number_of_addresses():
    teacher = make_teacher(email="many@school.example")
    api = ApiClient(teacher)
    for n in range(settings.ACCOUNT_MAX_EMAIL_ADDRESSES - 1):
        assert api.post("/me/emails", {"email": f"extra{n}@school.example"}).status_code == 201
    assert EmailAddress.objects.filter(user=teacher).count() == settings.ACCOUNT_MAX_EMAIL_ADDRESSES
    before = db_state()
    assert_refused(api.post("/me/emails", {"email": "one.more@school.example"}), "too_many_addresses", 409)
    assert db_state() == before
    # An address it already holds is not a new one.
    assert api.post("/me/emails", {"email": "extra0@school.example"}).status_code == 201
