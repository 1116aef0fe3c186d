"""The demo's old-platform data (`make run`): accounts and projects landed, TwinSpaces and labels
still to come. A teacher sees, in both languages, on the project page, the TwinSpace, "My labels" and
"Why can't I…?", that the data exists, when its phase runs and that nothing is needed from them;
once the labels phase lands, the old labels are certificates verified like new ones."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from twinhub.labels.models import Label
from twinhub.legacy.demo import DEMO_EXPORT, seed_old_platform
from twinhub.legacy.models import LegacyPhase, LegacyProject, LegacyUser
from twinhub.schools.models import PossibleDuplicate
from twinhub.testing import client_for, make_teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_teacher():
    # The demo's teacher, whose old-platform account (Teacher@Demo.TwinHub.test) is in the export.
    teacher = make_teacher(email="teacher@demo.twinhub.test", name="Ayşe Demir")
    seed_old_platform()
    return teacher


def test_the_demo_lands_two_phases_of_four_with_dates_for_the_others(demo_teacher):
    phases = {p.name: p for p in LegacyPhase.objects.all()}
    assert {name: p.state for name, p in phases.items()} == {
        "accounts": "done", "projects": "done", "twinspaces": "pending", "labels": "pending"}
    assert phases["twinspaces"].planned_for and phases["labels"].planned_for > phases["twinspaces"].planned_for
    assert LegacyUser.objects.get(legacy_id="U30").claimed_by == demo_teacher
    assert PossibleDuplicate.objects.filter(country="FR").count() == 1  # the two Collège Victor Hugo
    seed_old_platform()  # `make run` again: nothing changes
    assert LegacyPhase.objects.get(name="twinspaces").state == "pending"


@pytest.mark.parametrize("language, waits, nothing", [
    ("en", "Its move is planned for", "nothing is needed from you"),
    ("tr", "Taşınması", "sizin bir şey yapmanız gerekmiyor"),
])
def test_the_teacher_sees_what_waits_and_when_in_both_languages(demo_teacher, language, waits, nothing):
    project = LegacyProject.objects.get(legacy_id="P10").project
    client = client_for(demo_teacher)
    client.cookies["django_language"] = language
    pages = {
        "project": client.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE=language),
        "twinspace": client.get(f"/twinspace/{project.pk}/", HTTP_ACCEPT_LANGUAGE=language),
        "my labels": client.get("/labels/mine/", HTTP_ACCEPT_LANGUAGE=language),
        "why": client.get("/help/why/", HTTP_ACCEPT_LANGUAGE=language),
    }
    for name, page in pages.items():
        text = page.content.decode()
        assert page.status_code == 200, name
        assert waits in text and nothing in text, name
    assert 'data-phase="twinspaces"' in pages["project"].content.decode()
    assert 'data-phase="labels"' in pages["my labels"].content.decode()


def test_when_the_labels_phase_lands_old_labels_are_certificates_verified_like_new_ones(demo_teacher):
    call_command("import_legacy", str(DEMO_EXPORT), "--no-progress", stdout=io.StringIO())

    assert LegacyPhase.objects.get(name="labels").state == "done"
    label = Label.objects.get(holder=demo_teacher, project__legacy__legacy_id="P10", kind="nql")
    page = Client().get("/labels/verify/", {"code": label.verification_code})
    assert page.status_code == 200 and "This certificate is genuine" in page.content.decode()
    assert "Your Quality Label certificates will appear" not in client_for(demo_teacher).get(
        "/labels/mine/").content.decode()
