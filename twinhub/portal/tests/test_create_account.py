"""`twinhub create-account`: the operators' non-interactive provisioning, as a real command line."""

import os
import shutil
import subprocess
import sys
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from twinhub.accounts.models import ApiToken, User
from twinhub.schools.models import Membership
from twinhub.staff.models import StaffRole
from twinhub.testing import ApiClient

pytestmark = pytest.mark.django_db


def _run(*args) -> list[str]:
    out = StringIO()
    call_command("create_account", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_teacher_pending_by_default_then_approved_with_a_token():
    _run("ayse@school.example", "--country", "TR", "--region", "TR-06", "--school-number", "771234",
         "--name", "Ayşe Yılmaz")
    user = User.objects.get(email="ayse@school.example")
    assert EmailAddress.objects.get(user=user).verified
    assert Membership.objects.get(user=user).status == "pending"
    assert user.first_name == "Ayşe" and user.last_name == "Yılmaz"

    lines = _run("ayse@school.example", "--country", "TR", "--region", "TR-06", "--school-number", "771234",
                 "--approved", "--available", "--token")
    assert Membership.objects.filter(user=user).count() == 1  # updated, not duplicated
    assert Membership.objects.get(user=user).status == "approved"
    token = lines[-1]
    assert token.startswith(ApiToken.PREFIX)
    me = ApiClient().client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["is_etwinner"] is True and me["available_for_projects"] is True


def test_same_school_number_joins_the_same_school():
    _run("a@school.example", "--country", "IT", "--school-number", "MI-001", "--approved")
    _run("b@school.example", "--country", "IT", "--school-number", "mi 001")
    schools = {m.school_id for m in Membership.objects.all()}
    assert len(schools) == 1


@pytest.mark.parametrize("role,country,region", [("coordinator", "TR", "TR-34"), ("nss", "IT", ""),
                                                 ("css", "BE", ""), ("admin", "BE", "")])
def test_staff_roles_are_scoped(role, country, region):
    args = ["staff@example.org", "--country", country, "--role", role] + (["--region", region] if region else [])
    _run(*args)
    staff_role = StaffRole.objects.get(user__email="staff@example.org")
    assert staff_role.kind == role
    assert staff_role.region == region
    assert staff_role.country == (country if role in ("coordinator", "nss") else "")
    assert User.objects.get(email="staff@example.org").is_superuser is (role == "admin")


@pytest.mark.parametrize("args,message", [
    (["x@example.org", "--country", "XX"], "unknown country"),
    (["x@example.org", "--country", "TR", "--region", "TR-99"], "not a province"),
    (["x@example.org", "--country", "IT", "--role", "coordinator"], "coordinator needs"),
    (["x@example.org", "--country", "TR"], "needs --region"),
])
def test_bad_input_is_refused_and_nothing_is_created(args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert not User.objects.filter(email="x@example.org").exists()


@pytest.mark.slow  # runs the console script in subprocesses
def test_the_console_script_runs_it(tmp_path, migrated_sqlite):
    """The `twinhub` entry point, dashes and all, against its own SQLite file (a copy of the run's migrated
    one: `migrate` then has nothing to apply)."""
    shutil.copy(migrated_sqlite, tmp_path / "db.sqlite3")
    env = {**os.environ, "TWINHUB_DEV": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "twinhub.settings"}
    twinhub = [sys.executable, "-m", "twinhub.cli"]
    subprocess.run([*twinhub, "migrate", "-v0"], check=True, env=env)
    result = subprocess.run([*twinhub, "create-account", "cli@example.org", "--country", "PL", "--approved",
                             "--token"], check=True, env=env, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1].startswith("th_")
