"""Old data follows every path that makes an address verified (decision 0025): the operator's
`twinhub create-account`, the admin, a verified address added later. (EU Login: tests/oidc.)"""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from twinhub.accounts.models import User
from twinhub.accounts.provisioning import address_add_verified
from twinhub.legacy.models import LegacyProject, LegacyUser
from twinhub.projects.models import ProjectMember
from twinhub.testing import ApiClient
from twinhub.testing.legacy_export import user, write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def elif_export(tmp_path):
    # The case: the old platform stored the address with a Turkish capital İ.
    return write_export(tmp_path / "x", extra_users=[user(20, "ELİF544@hotmail.com", "Elif", "Demir",
                                                           schools=["S1"])])


def _claimed(user) -> list[str]:
    return sorted(LegacyUser.objects.filter(claimed_by=user).values_list("legacy_id", flat=True))


def test_the_operator_command_attaches_the_old_data_of_its_address(run_import, elif_export):
    run_import(folder=elif_export)

    call_command("create_account", "elif544@hotmail.com", "--country", "TR", "--region", "TR-06", "--approved",
                 "--password", "Elif-pw-544", stdout=None)

    user = User.objects.get(email="elif544@hotmail.com")
    assert _claimed(user) == ["U20"]
    assert ApiClient(user).get("/me").json()["legacy_ids"] == ["U20"]


def test_the_operator_command_attaches_a_turkish_upper_case_address_to_its_old_projects(run_import):
    run_import()

    call_command("create_account", "ILKER.ŞAHIN12@GMAIL.COM", "--country", "TR", "--region", "TR-06",
                 "--password", "Ilker-pw-12", stdout=None)

    user = User.objects.get(email="ilker.şahin12@gmail.com")
    assert _claimed(user) == ["U4", "U6"]  # both old accounts of the person (re-registered)
    assert ProjectMember.objects.filter(user=user, project=LegacyProject.objects.get(legacy_id="P1").project,
                                        role="founder").exists()


def test_an_account_the_administrator_creates_gets_the_old_data(run_import, elif_export, admin_client):
    run_import(folder=elif_export)

    response = admin_client.post("/admin/accounts/user/add/", {
        "email": "Elif544@Hotmail.com", "password1": "Admin-made-pw-9", "password2": "Admin-made-pw-9",
        "usable_password": "true"})

    assert response.status_code == 302
    assert _claimed(User.objects.get(email="elif544@hotmail.com")) == ["U20"]


def test_an_address_verified_in_the_admin_attaches(run_import, elif_export, admin_client):
    run_import(folder=elif_export)
    user = User.objects.create_user(email="elif.new@okul.example", password="Elif-pw-544")
    address = EmailAddress.objects.create(user=user, email="elif544@hotmail.com", verified=False, primary=False)
    assert _claimed(user) == []

    response = admin_client.post(f"/admin/account/emailaddress/{address.pk}/change/", {
        "user": user.pk, "email": "elif544@hotmail.com", "verified": "on"})

    assert response.status_code == 302, response.content.decode()[:1500]
    assert _claimed(user) == ["U20"]


def test_an_address_another_account_has_verified_does_not_move(run_import, elif_export):
    run_import(folder=elif_export)
    call_command("create_account", "elif544@hotmail.com", "--country", "TR", "--region", "TR-06",
                 "--password", "Elif-pw-544", stdout=None)
    first = User.objects.get(email="elif544@hotmail.com")
    other = User.objects.create_user(email="someone@okul.example", password="Someone-pw-1")

    assert address_add_verified(user=other, email="ELİF544@HOTMAIL.COM") is None
    assert _claimed(first) == ["U20"] and _claimed(other) == []
