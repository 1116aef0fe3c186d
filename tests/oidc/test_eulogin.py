"""Interoperability: "Log in with EU Login" against a real OpenID Connect provider on loopback.

The whole authorization-code flow runs for real: discovery, redirect to the provider, sign-in
there, callback, token exchange (client_secret_basic + PKCE) and userinfo over HTTP."""

import io
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core.management import call_command

from twinhub.accounts.models import User
from twinhub.legacy.models import LegacyUser
from twinhub.schools import services
from twinhub.schools.models import Membership
from twinhub.settings import oidc_providers
from twinhub.testing import ApiClient, make_teacher
from twinhub.testing.legacy_export import write_export

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def eulogin(settings, oidc_provider):
    settings.SOCIALACCOUNT_PROVIDERS = oidc_providers(issuer=oidc_provider.issuer,
                                                      client_id=oidc_provider.client_id,
                                                      secret=oidc_provider.client_secret, name="EU Login")
    return oidc_provider


def _walk(browser: requests.Session, response: requests.Response, callback: str):
    """Follow the provider's redirects; stop at a page, or at the redirect back to TwinHub."""
    for _hop in range(10):
        if response.status_code not in (302, 303):
            return response, None
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(callback):
            return response, location
        response = browser.get(location, allow_redirects=False, timeout=10)
    raise AssertionError("too many redirects at the provider")


def sign_in_with_eulogin(client, provider, email: str, password: str):
    """Press "Log in with EU Login" on TwinHub, sign in at the provider, come back. Returns
    TwinHub's answer to the callback (or the provider's page if the sign-in failed)."""
    start = client.post("/accounts/oidc/eulogin/login/")
    assert start.status_code == 302, start.content[:500]
    authorize = start["Location"]
    assert authorize.startswith(provider.issuer + "/"), authorize
    assert "code_challenge=" in authorize and f"client_id={provider.client_id}" in authorize

    with requests.Session() as browser:
        page, callback = _walk(browser, browser.get(authorize, allow_redirects=False, timeout=10), provider.callback)
        assert callback is None and page.status_code == 200, page.text[:500]
        action = re.search(r'action="([^"]+)"', page.text).group(1)
        answer = browser.post(urljoin(page.url, action), data={"email": email, "password": password},
                              allow_redirects=False, timeout=10)
        page, callback = _walk(browser, answer, provider.callback)
    if callback is None:
        return page
    parts = urlsplit(callback)
    assert "code=" in parts.query
    return client.get(f"{parts.path}?{parts.query}")


def test_login_page_offers_eu_login(client, eulogin):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "EU Login" in response.content.decode()


def test_first_eu_login_creates_a_verified_account_and_opens_join(client, eulogin):
    response = sign_in_with_eulogin(client, eulogin, "ayse.yilmaz@eulogin.example", "Ayse-pw-1")

    assert response.status_code == 302 and response["Location"] == "/join/", response
    user = User.objects.get(email="ayse.yilmaz@eulogin.example")
    assert (user.first_name, user.last_name) == ("Ayşe", "Yılmaz")
    assert EmailAddress.objects.get(user=user).verified
    assert SocialAccount.objects.get(user=user, provider="eulogin").uid == "eu-ayse"
    join = client.get("/join/")
    assert join.status_code == 200 and join.wsgi_request.user == user
    assert 'value="Ayşe"' in join.content.decode()
    # A platform account is not yet an eTwinner: no profile, no membership.
    assert not Membership.objects.filter(user=user).exists()


def test_returning_eu_login_user_with_a_profile_lands_on_the_dashboard(client, eulogin):
    first = sign_in_with_eulogin(client, eulogin, "ayse.yilmaz@eulogin.example", "Ayse-pw-1")
    assert first["Location"] == "/join/"
    user = User.objects.get(email="ayse.yilmaz@eulogin.example")
    services.etwinning_join(user=user, new_school={
        "legal_name": "Ankara Fen Lisesi", "country": "TR", "region": "TR-06", "city": "Ankara",
        "school_type": "upper_secondary", "principal_name": "Müdür", "principal_email": "mudur@okul.example"},
        role="teacher", country="TR")
    client.post("/accounts/logout/")

    again = sign_in_with_eulogin(client, eulogin, "ayse.yilmaz@eulogin.example", "Ayse-pw-1")

    assert again.status_code == 302 and again["Location"] == "/dashboard/"
    assert User.objects.filter(email="ayse.yilmaz@eulogin.example").count() == 1
    assert client.get("/dashboard/").status_code == 200


def test_existing_local_account_is_connected_by_its_verified_email(client, eulogin):
    teacher = make_teacher(email="jan.peeters@eulogin.example", country="BE")

    response = sign_in_with_eulogin(client, eulogin, "jan.peeters@eulogin.example", "Jan-pw-1")

    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert SocialAccount.objects.get(provider="eulogin", uid="eu-jan").user == teacher
    assert User.objects.filter(email__iexact="jan.peeters@eulogin.example").count() == 1


def test_wrong_password_at_the_provider_creates_nothing(client, eulogin):
    users = User.objects.count()

    page = sign_in_with_eulogin(client, eulogin, "ayse.yilmaz@eulogin.example", "wrong")

    assert page.status_code == 401
    assert User.objects.count() == users
    assert client.get("/dashboard/").status_code == 302


# --- Old-platform data follows the verified address EU Login brings (rules 3, 4; decision 0025) -----
@pytest.fixture
def old_platform(tmp_path):
    """A small old-platform export, imported (accounts and projects phases and the rest)."""
    call_command("import_legacy", str(write_export(tmp_path / "export")), "--no-progress", stdout=io.StringIO())


def _claimed(user) -> list[str]:
    return sorted(LegacyUser.objects.filter(claimed_by=user).values_list("legacy_id", flat=True))


def test_first_eu_login_shows_the_old_projects(client, eulogin, old_platform):
    # EU Login says İLKER.ŞAHİN12@GMAİL.COM (verified); the old platform had that person twice.
    response = sign_in_with_eulogin(client, eulogin, "İLKER.ŞAHİN12@GMAİL.COM", "Ilker-pw-1")

    user = User.objects.get(email="ilker.şahin12@gmail.com")
    assert _claimed(user) == ["U4", "U6"]
    # The old profile came with the data: no "Join eTwinning" first.
    assert response.status_code == 302 and response["Location"] == "/dashboard/", response
    mine = client.get("/projects/mine/")
    assert mine.status_code == 200 and mine.wsgi_request.user == user
    assert "Değerlerimizle Büyüyoruz" in mine.content.decode()


def test_a_later_eu_login_bringing_a_new_verified_address_attaches_its_old_data(
        client, eulogin, old_platform, provider_accounts):
    first = sign_in_with_eulogin(client, eulogin, "giulia.new@eulogin.example", "Giulia-pw-1")
    assert first["Location"] == "/join/"
    user = User.objects.get(email="giulia.new@eulogin.example")
    assert ApiClient(user).get("/me").json()["legacy_ids"] == []  # rule 4: another address sees nothing
    client.post("/accounts/logout/")
    # At EU Login she changes her address to the one she had on the old platform (U2), verified there.
    provider_accounts([{"sub": "eu-giulia", "email": "Giulia.Rossi@Libero.it", "email_verified": True,
                        "password": "Giulia-pw-1", "given_name": "Giulia", "family_name": "Rossi"}])

    again = sign_in_with_eulogin(client, eulogin, "Giulia.Rossi@Libero.it", "Giulia-pw-1")

    assert again.status_code == 302
    assert User.objects.filter(email__in=["giulia.new@eulogin.example", "giulia.rossi@libero.it"]).count() == 1
    assert _claimed(user) == ["U2"]
    assert EmailAddress.objects.get(user=user, email="giulia.rossi@libero.it").verified


def test_an_unverified_address_from_the_provider_attaches_nothing(client, eulogin, old_platform, provider_accounts):
    provider_accounts([{"sub": "eu-mallory", "email": "giulia.rossi@libero.it", "email_verified": False,
                        "password": "Mallory-pw-1", "given_name": "M", "family_name": "X"}])

    sign_in_with_eulogin(client, eulogin, "giulia.rossi@libero.it", "Mallory-pw-1")

    assert LegacyUser.objects.get(legacy_id="U2").claimed_by is None


def test_the_stand_in_offers_create_an_account_and_the_new_identity_signs_in(client, eulogin):
    start = client.post("/accounts/oidc/eulogin/login/")
    with requests.Session() as browser:
        page, _callback = _walk(browser, browser.get(start["Location"], allow_redirects=False, timeout=10),
                                eulogin.callback)
        register = urljoin(page.url, re.search(r'id="create-account" href="([^"]+)"', page.text).group(1))
        form = browser.get(register, timeout=10)
        assert "Create an account" in form.text
        action = urljoin(form.url, re.search(r'action="([^"]+)"', form.text).group(1))
        answer = browser.post(action, data={"given_name": "Elif", "family_name": "Demir",
                                            "email": "Elif.Demir@Okul.Example", "password": "Elif-pw-12"},
                              allow_redirects=False, timeout=10)
        _page, callback = _walk(browser, answer, eulogin.callback)
    try:
        assert callback is not None
        parts = urlsplit(callback)
        response = client.get(f"{parts.path}?{parts.query}")
        assert response.status_code == 302 and response["Location"] == "/join/"
        assert EmailAddress.objects.get(email="elif.demir@okul.example").verified
    finally:
        accounts = json.loads(eulogin.accounts_file.read_text(encoding="utf-8"))
        eulogin.accounts_file.write_text(json.dumps([a for a in accounts if a["email"] != "Elif.Demir@Okul.Example"]),
                                         encoding="utf-8")
