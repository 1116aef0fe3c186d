import re
from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from twinhub.legacy.models import LegacyProject, LegacyUser
from twinhub.projects.models import ProjectMember
from twinhub.schools.models import Membership
from twinhub.testing import ApiClient, assert_refused, client_for, make_teacher, queries

pytestmark = pytest.mark.django_db


def _confirm_from_mail(user, message) -> None:
    key = re.search(r"confirm-email/([^/\s]+)/", message.body).group(1)
    client = client_for(user)
    client.post(f"/accounts/confirm-email/{key}/")


def test_existing_account_with_verified_address_gets_the_data_at_import(run_import):
    teacher = make_teacher(email="Ayse.Yildirim12@Gmail.com")  # old platform stored it lower-case
    run_import()
    row = LegacyUser.objects.get(legacy_id="U1")
    assert row.account == teacher and row.claimed_by == teacher
    assert Membership.objects.filter(user=teacher, status="approved").count() == 2  # own school + old school
    assert ProjectMember.objects.filter(user=teacher, project__legacy__legacy_id="P1", role="founder").exists()
    body = ApiClient(teacher).get("/me").json()
    assert body["legacy_ids"] == ["U1"]
    assert {p["phase"]: p["state"] for p in body["migration"]}["projects"] == "done"


def test_claim_my_old_data_with_a_turkish_letter_address(run_import, django_capture_on_commit_callbacks):
    run_import()
    placeholder = LegacyUser.objects.get(legacy_id="U4").account
    teacher = make_teacher(email="ilker.new@school.example")
    api = ApiClient(teacher)
    assert api.get("/me").json()["legacy_ids"] == []
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/me/emails", {"email": "ILKER.ŞAHIN12@GMAIL.COM"})  # differs from both old spellings
    assert response.status_code == 201, response.content
    assert response.json()["verification_sent"] is True
    assert api.get("/me").json()["legacy_ids"] == []  # nothing attaches before verification
    _confirm_from_mail(teacher, mail.outbox[-1])
    assert api.get("/me").json()["legacy_ids"] == ["U4", "U6"]
    assert not type(teacher).objects.filter(pk=placeholder.pk).exists()
    p1 = LegacyProject.objects.get(legacy_id="P1").project
    assert p1.cofounder_id == teacher.pk
    assert ProjectMember.objects.filter(project=p1, user=teacher, role="founder").exists()
    assert Membership.objects.filter(user=teacher, status="approved").count() == 2  # own school + S1

    # Already-claimed data cannot be claimed by anyone else.
    other = make_teacher(email="someone@school.example")
    before = (EmailAddress.objects.count(), LegacyUser.objects.filter(claimed_by=teacher).count())
    refused = ApiClient(other).post("/me/emails", {"email": "İLKER.ŞAHİN12@GMAİL.COM"})
    assert_refused(refused, "legacy_already_claimed", 409)
    assert (EmailAddress.objects.count(), LegacyUser.objects.filter(claimed_by=teacher).count()) == before


def test_claim_page_and_dashboard_notices_say_the_phase_state(run_import):
    run_import("--phase", "accounts")
    teacher = make_teacher(email="giulia.rossi@libero.it")  # verified after the import ran: attaches at once
    assert list(LegacyUser.objects.filter(claimed_by=teacher).values_list("legacy_id", flat=True)) == ["U2"]
    client = client_for(teacher)
    page = client.get("/dashboard/").content.decode()
    assert "Your projects from the old platform will appear when the projects phase is complete" in page
    assert "not started yet" in page
    assert "Your Quality Label certificates will appear when the labels phase is complete" in page
    run_import("--phase", "projects")
    page = client.get("/dashboard/").content.decode()
    assert 'data-phase="projects"' not in page and 'data-phase="labels"' in page
    from twinhub.legacy.selectors import project_notices

    p2 = LegacyProject.objects.get(legacy_id="P2").project
    project_notices(p2)  # the phases' states are then in the cache, as on every later page
    with queries(exactly=1):  # old project? its TwinSpace's state? pupils waiting? All in one query
        notices = project_notices(p2)
    assert [n["phase"] for n in notices] == ["twinspaces", "labels"]
    assert "This TwinSpace is still being moved from the old platform" in notices[0]["text"]
    assert p2.twinspace.content_state == "awaiting_migration"
    run_import()
    page = client.get("/dashboard/").content.decode()
    assert 'data-phase="labels"' not in page and 'data-phase="twinspaces"' not in page
    p2.twinspace.refresh_from_db()
    assert p2.twinspace.content_state == "ready"
    assert [n["phase"] for n in project_notices(p2)] == ["pupils"]  # its pupil needs a new login code
    claim = client.get("/legacy/claim/")
    assert claim.status_code == 200 and "U2" in claim.content.decode()


def test_bad_address_is_refused_and_changes_nothing(run_import):
    teacher = make_teacher()
    before = EmailAddress.objects.count()
    assert_refused(ApiClient(teacher).post("/me/emails", {"email": "mehmet kaya12@gmail.com"}), "invalid_email", 400)
    assert EmailAddress.objects.count() == before


def test_imported_and_claimed_teachers_are_findable_in_partner_search(run_import):
    from twinhub.contacts.selectors import teachers_search

    run_import("--phase", "accounts")
    assert not teachers_search(q="Şahin").items  # the old account is a dormant placeholder: not findable
    teacher = make_teacher(email="ilker.new@school.example", name="İlker Şahin")
    EmailAddress.objects.create(user=teacher, email="ilker.şahin12@gmail.com", verified=True, primary=False)
    from twinhub.legacy.services import legacy_attach_for_email

    legacy_attach_for_email(user=teacher, email="ilker.şahin12@gmail.com")
    found = teachers_search(q="Atatürk").items
    assert [entry.user_id for entry in found] == [teacher.pk]  # the old school now names them


def test_project_page_and_its_twinspace_show_the_project_notices(run_import):
    """The notices reach the pages of projects and twinspace through their slot (core.slots)."""
    run_import("--phase", "accounts")
    run_import("--phase", "projects")
    teacher = make_teacher(email="giulia.rossi@libero.it")  # a verified address attaches at once
    assert list(LegacyUser.objects.filter(claimed_by=teacher).values_list("legacy_id", flat=True)) == ["U2"]
    project = LegacyProject.objects.get(legacy_id="P2").project
    assert ProjectMember.objects.filter(project=project, user=teacher).exists()
    client = client_for(teacher)
    moving = "This TwinSpace is still being moved from the old platform"
    for url in (f"/projects/{project.pk}/", f"/twinspace/{project.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'data-phase="twinspaces"' in response.content.decode() and moving in response.content.decode(), url


def test_the_claim_page_names_the_phases_in_the_readers_language():
    html = client_for(make_teacher(), language="tr").get("/legacy/claim/").content.decode()
    rows = {phase: unescape(label) for phase, label in re.findall(r'<tr data-phase="(\w+)"><td>([^<]+)</td>', html)}
    assert rows == {"accounts": "Kullanıcılar, okullar ve irtibat kişileri", "projects": "Projeler ve üyeleri",
                    "twinspaces": "TwinSpace'ler ve öğrenciler", "labels": "Kalite Etiketi sertifikaları"}
