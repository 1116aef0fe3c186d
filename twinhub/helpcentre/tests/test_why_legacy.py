""""Why can't I see my old data?" and the migration phases, answered by the legacy rules."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from twinhub.helpcentre.diagnostics import diagnose
from twinhub.legacy.services import legacy_attach_for_email
from twinhub.testing import client_for, make_teacher
from twinhub.testing.legacy_export import write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    def run(*phases):
        args = [a for phase in phases for a in ("--phase", phase)]
        call_command("import_legacy", str(write_export(tmp_path / "export")), "--no-progress", *args, stdout=StringIO())
    return run


def _finding(user, topic):
    [finding] = [f for f in diagnose(user) if f.topic == topic]
    return finding


def test_before_the_accounts_phase_the_user_is_told_to_wait():
    teacher = make_teacher(email="ayse@school.example")
    finding = _finding(teacher, "legacy-data")
    assert finding.refusal.code == "legacy_not_imported"


def test_second_account_with_another_address_sees_why(imported):
    imported("accounts")
    teacher = make_teacher(email="ayse.new@school.example")
    finding = _finding(teacher, "legacy-data")
    assert finding.refusal.code == "legacy_no_match"
    assert "ayse.new@school.example" in finding.refusal.message
    assert "Claim my old eTwinning data" in finding.refusal.next_step


def test_unverified_old_address_is_named(imported):
    imported("accounts")
    teacher = make_teacher(email="ilker.new@school.example")
    EmailAddress.objects.create(user=teacher, email="ILKER.ŞAHIN12@GMAIL.COM", verified=False, primary=False)
    finding = _finding(teacher, "legacy-data")
    assert finding.refusal.code == "legacy_email_unverified"
    assert "ILKER.ŞAHIN12@GMAIL.COM" in finding.refusal.message


def test_after_verifying_the_old_address_the_data_is_there(imported):
    imported("accounts")
    teacher = make_teacher(email="ilker.new@school.example")
    EmailAddress.objects.create(user=teacher, email="ILKER.ŞAHIN12@GMAIL.COM", verified=True, primary=False)
    legacy_attach_for_email(user=teacher, email="ILKER.ŞAHIN12@GMAIL.COM")
    finding = _finding(teacher, "legacy-data")
    assert finding.refusal is None and "U4" in finding.fine


def test_data_claimed_by_someone_else_is_explained(imported):
    imported("accounts")
    first = make_teacher(email="first@school.example")
    EmailAddress.objects.create(user=first, email="olena@ukr.net", verified=True, primary=False)
    legacy_attach_for_email(user=first, email="olena@ukr.net")
    second = make_teacher(email="second@school.example")
    EmailAddress.objects.create(user=second, email="OLENA@ukr.net", verified=True, primary=False)
    assert _finding(second, "legacy-data").refusal.code == "legacy_already_claimed"


def test_phases_not_done_are_shown_with_their_state(imported):
    imported("accounts", "projects")
    teacher = make_teacher(email="ayse.yildirim12@gmail.com")
    legacy_attach_for_email(user=teacher, email="ayse.yildirim12@gmail.com")
    topics = [f for f in diagnose(teacher) if f.topic == "migration"]
    assert {f.refusal.code for f in topics} >= {"migration_twinspaces_pending", "migration_labels_pending"}
    client = client_for(teacher, language="tr")
    page = client.get("/help/why/").content.decode()
    assert "Kalite Etiketi belgeleri" in page
