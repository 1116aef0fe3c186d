"""Label data is merged, never lost: yearly positions follow application time across projects
(the labels file is grouped by project), and a claim joins a placeholder's applications and
counters to the account's own."""

from datetime import UTC, date, datetime

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from twinhub.contacts.models import Contact
from twinhub.labels import services as label_services
from twinhub.labels.models import LabelApplication, YearCounter
from twinhub.labels.services import policy_update
from twinhub.legacy.models import LegacyRecord, LegacyUser
from twinhub.legacy.services import legacy_attach_for_email
from twinhub.testing import make_staff, make_teacher
from twinhub.testing.legacy_export import label, write_export
from twinhub.testing.projects import make_project, old_platform_contact

pytestmark = pytest.mark.django_db

TEXTS = {k: "Text." for k in ("pedagogy", "curriculum", "collaboration", "technology", "results")}


def _year_of(user, year):
    return list(LabelApplication.objects.filter(applicant=user, year=year).order_by("position_in_year")
                .values_list("legacy_id", "position_in_year", "evaluation_status"))


def test_positions_follow_application_time_across_projects_and_batches(tmp_path, run_import, settings, people):
    # Q14 comes last in the file (after the P4 lines) but was U1's first application of 2025.
    folder = write_export(tmp_path / "x", extra_labels=[
        label(14, "P1", "U1", status="pending", year=2025, applied="2025-03-20T00:00:00Z")])
    policy_update(actor=people.nss_tr, country="TR", max_applications_per_year=3)
    settings.LEGACY_IMPORT_BATCH = 2  # positions are numbered over several batches
    run_import(folder=folder)
    u1 = LegacyUser.objects.get(legacy_id="U1").account
    assert _year_of(u1, 2025) == [("Q14", 1, "queued"), ("Q10", 2, "queued"), ("Q11", 3, "queued"),
                                  ("Q12", 4, "not_evaluated_over_yearly_limit")]
    assert YearCounter.objects.get(user=u1, year=2025).submitted == 4
    notes = set(LegacyRecord.objects.filter(file="quality_labels.jsonl.gz", reason="ql_over_yearly_limit")
                .values_list("legacy_id", "outcome"))
    assert notes == {("Q12", "note")}
    q12 = LabelApplication.objects.get(legacy_id="Q12")
    assert (q12.yearly_limit, q12.members_from_country) == (3, 0)  # the facts the rule decided on (P4: no TR member)


def test_a_claim_merges_the_old_applications_with_the_teachers_own(tmp_path, run_import):
    year = timezone.now().year
    teacher = make_teacher(email="ayse.new@school.example", approved=True, available=True)
    partner = make_teacher(country="IT", approved=True, available=True)
    project = make_project(founder=teacher, cofounder=partner)
    label_services.window_create(actor=make_staff("nss", country="TR"), country="TR", year=year,
                                 opens_on=date(year, 1, 1), closes_on=date(year, 12, 31))
    own = label_services.application_submit(user=teacher, project_id=project.pk, texts=TEXTS, evidence_links=[])
    assert (own.position_in_year, YearCounter.objects.get(user=teacher, year=year).submitted) == (1, 1)

    # The old platform has two earlier applications of the same teacher in the same year.
    folder = write_export(tmp_path / "x", generated_at=timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"), extra_labels=[
        label(20, "P1", "U1", status="pending", year=year, applied=f"{year}-01-10T00:00:00Z"),
        label(21, "P2", "U1", status="pending", year=year, applied=f"{year}-01-20T00:00:00Z")])
    run_import(folder=folder)
    placeholder = LegacyUser.objects.get(legacy_id="U1").account
    assert _year_of(placeholder, year) == [("Q20", 1, "queued"), ("Q21", 2, "queued")]

    # Before claiming, the teacher became a contact of Giulia (U2, also U1's old contact) and of
    # the placeholder itself: one contact with Giulia remains (the older date), none with oneself.
    giulia = LegacyUser.objects.get(legacy_id="U2").account
    # Placeholder accounts are no eTwinners (rule 6 would refuse them): contacts as the import leaves them.
    old_platform_contact(teacher, giulia)
    old_platform_contact(teacher, placeholder)
    EmailAddress.objects.create(user=teacher, email="ayse.yildirim12@gmail.com", verified=True)
    # Saving a verified address attaches (decision 0025); attaching again changes nothing.
    assert list(LegacyUser.objects.filter(claimed_by=teacher).values_list("legacy_id", flat=True)) == ["U1"]
    assert legacy_attach_for_email(user=teacher, email="ayse.yildirim12@gmail.com") == []

    own.refresh_from_db()  # the teacher's own application is kept, after the older ones
    assert _year_of(teacher, year) == [("Q20", 1, "queued"), ("Q21", 2, "queued"), (None, 3, "queued")]
    assert own.position_in_year == 3
    assert YearCounter.objects.get(user=teacher, year=year).submitted == 3  # 1 + 2, combined
    assert [(a, p) for a, p, _s in _year_of(teacher, 2025)] == [("Q10", 1), ("Q11", 2), ("Q12", 3)]
    assert YearCounter.objects.get(user=teacher, year=2025).submitted == 3
    assert not type(teacher).objects.filter(pk=placeholder.pk).exists()  # everything moved
    assert not YearCounter.objects.filter(user_id=placeholder.pk).exists()
    assert list(Contact.objects.filter(user=teacher, other=giulia).values_list("since", flat=True)) == [
        datetime(2012, 4, 1, tzinfo=UTC)]
    assert Contact.objects.filter(user=giulia, other=teacher).count() == 1
    assert not Contact.objects.filter(user=teacher, other=teacher).exists()
