"""The contacts API answers with `ninja.Status`, not the deprecated (status, body) tuples."""

import warnings

import pytest

from twinhub.testing import ApiClient, make_teacher

pytestmark = pytest.mark.django_db


def test_created_and_no_content_answers_raise_no_deprecation_warning():
    ayse, marco = make_teacher(country="TR"), make_teacher(country="IT")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        sent = ApiClient(ayse).post("/contact-requests", {"to_user_id": marco.pk})
        assert sent.status_code == 201, sent.content
        accepted = ApiClient(marco).post(f"/contact-requests/{sent.json()['id']}/accept")
        assert accepted.status_code == 200
        written = ApiClient(ayse).post(f"/mailbox/{marco.pk}", {"body": "Merhaba"})
        assert written.status_code == 201 and written.json()["body"] == "Merhaba"
        assert ApiClient(ayse).delete(f"/contacts/{marco.pk}").status_code == 204
