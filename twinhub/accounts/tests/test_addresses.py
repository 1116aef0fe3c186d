"""One normalisation of e-mail addresses (decision 0025): stored and compared the same way at
log-in, sign-up, password reset, by the operator command and in the admin."""

import importlib

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail
from django.core.management import call_command

from twinhub.accounts.addresses import normalize_email
from twinhub.accounts.models import User
from twinhub.accounts.provisioning import verified_user

pytestmark = pytest.mark.django_db
PASSWORD = "Case-Test-pw-42"


@pytest.mark.parametrize("typed, stored", [
    ("CaseTest@Example.org", "casetest@example.org"),
    ("  Mehmet.Kaya@Gmail.Com\t", "mehmet.kaya@gmail.com"),
    ("İLKER.ŞAHİN12@GMAİL.COM", "ilker.şahin12@gmail.com"),   # Turkish upper case (dotted İ)
    ("ilker.şahin12@gmail.com", "ilker.şahin12@gmail.com"),
    ("AYŞE.YILDIRIM12@GMAIL.COM", "ayşe.yildirim12@gmail.com"),  # upper-cased the Turkish way: I
    ("ayşe.yıldırım12@gmail.com", "ayşe.yildirim12@gmail.com"),  # dotless ı as typed
    ("i\u0307lker@x.example", "ilker@x.example"),  # what Python's .lower() makes of İ
])
def test_normalisation_is_the_old_platforms_email_key_and_idempotent(typed, stored):
    assert normalize_email(typed) == stored
    assert normalize_email(stored) == stored == normalize_email(typed.lower()) == normalize_email(typed.upper())


def _log_in(client, login):
    return client.post("/accounts/login/", {"login": login, "password": PASSWORD})


@pytest.mark.parametrize("created, typed", [
    ("CaseTest@Example.org", "CaseTest@Example.org"),
    ("CaseTest@Example.org", "casetest@example.org"),
    ("CaseTest@Example.org", " CASETEST@EXAMPLE.ORG "),
    ("İLKER.ŞAHİN12@GMAİL.COM", "ilker.şahin12@gmail.com"),
    ("ilker.şahin12@gmail.com", "İLKER.ŞAHİN12@GMAİL.COM"),
    ("ILKER.ŞAHIN12@GMAIL.COM", "İlker.Şahin12@Gmail.com"),
    ("ayşe.yıldırım12@gmail.com", "AYŞE.YILDIRIM12@GMAIL.COM"),
])
def test_an_operator_made_account_logs_in_with_any_spelling_of_its_address(client, created, typed):
    call_command("create_account", created, "--country", "TR", "--region", "TR-06", "--approved",
                 "--password", PASSWORD, stdout=None)
    user = User.objects.get()
    assert user.email == normalize_email(created)
    assert EmailAddress.objects.get(user=user).email == user.email

    response = _log_in(client, typed)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get("/dashboard/").wsgi_request.user == user


def test_a_wrong_password_still_fails_whatever_the_spelling(client):
    verified_user(email="CaseTest@Example.org", password=PASSWORD)
    response = client.post("/accounts/login/", {"login": "casetest@example.org", "password": "wrong-pw-1"})
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated


def test_an_address_that_is_no_address_is_a_form_error_not_a_crash(client):
    response = client.post("/accounts/login/", {"login": "mehmet kaya@gmail.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "Enter a valid e-mail address." in response.content.decode()


def test_sign_up_stores_the_normalised_address_and_a_second_spelling_is_the_same_account(client):
    response = client.post("/accounts/signup/", {"email": "  Ayşe.Yıldırım@Okul.Example ",
                                                 "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get()
    assert user.email == "ayşe.yildirim@okul.example"
    assert EmailAddress.objects.get(user=user).email == "ayşe.yildirim@okul.example"

    client.post("/accounts/logout/")
    client.post("/accounts/signup/", {"email": "AYŞE.YILDIRIM@OKUL.EXAMPLE", "password1": PASSWORD,
                                      "password2": PASSWORD})
    assert User.objects.count() == 1


def test_password_reset_finds_the_account_by_any_spelling(client):
    verified_user(email="İlker@Okul.Example", password=PASSWORD)
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": "ILKER@OKUL.EXAMPLE"})
    assert [m.to for m in mail.outbox] == [["ilker@okul.example"]]


def test_the_admin_stores_the_normalised_address_and_refuses_a_second_spelling(admin_client):
    data = {"email": "Elif544@Hotmail.COM", "password1": "Admin-made-pw-9", "password2": "Admin-made-pw-9",
            "usable_password": "true"}
    assert admin_client.post("/admin/accounts/user/add/", data).status_code == 302
    user = User.objects.get(email="elif544@hotmail.com")
    assert EmailAddress.objects.get(user=user).verified  # the administrator vouches for it

    again = admin_client.post("/admin/accounts/user/add/", {**data, "email": "ELİF544@hotmail.com"})
    assert again.status_code == 200 and User.objects.filter(email="elif544@hotmail.com").count() == 1


def test_the_data_migration_normalises_existing_rows_and_leaves_collisions():
    migration = importlib.import_module("twinhub.accounts.migrations.0005_normalize_email_addresses")
    upper = verified_user(email="placeholder-1@x.example", password=PASSWORD)
    turkish = verified_user(email="placeholder-2@x.example", password=PASSWORD)
    lower = verified_user(email="dup@x.example", password=PASSWORD)
    clash = verified_user(email="placeholder-3@x.example", password=PASSWORD)
    # Rows as they were before the normalisation (written past the model's save()).
    for user, email in [(upper, "CaseTest@Example.org"), (turkish, "İLKER@GMAİL.COM"), (clash, "DUP@x.example")]:
        User.objects.filter(pk=user.pk).update(email=email)
        EmailAddress.objects.filter(user=user).update(email=email)

    migration.normalize_addresses(apps, None)

    emails = dict(User.objects.values_list("pk", "email"))
    assert emails[upper.pk] == "casetest@example.org" and emails[turkish.pk] == "ilker@gmail.com"
    assert emails[lower.pk] == "dup@x.example" and emails[clash.pk] == "DUP@x.example"  # kept: a collision
    assert EmailAddress.objects.get(user=turkish).email == "ilker@gmail.com"
