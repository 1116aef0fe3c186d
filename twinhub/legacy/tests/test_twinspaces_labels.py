"""The twinspaces and labels phases on the fixture export (every anomaly class of format §6 for
TwinSpace items, pupils and quality labels)."""

import pytest

from twinhub.labels.models import Label, LabelApplication, YearCounter
from twinhub.labels.services import policy_update
from twinhub.legacy.models import (
    LegacyItem,
    LegacyLabel,
    LegacyProject,
    LegacyPupil,
    LegacyRecord,
    LegacyUser,
)
from twinhub.twinspace import services as twinspace_services
from twinhub.twinspace.models import Material, Page, Post, Pupil, Thread

pytestmark = pytest.mark.django_db


def _reasons(file):
    return {(r.outcome, r.reason) for r in LegacyRecord.objects.filter(file=file)}


def _notes(legacy_id, file):
    return {r.reason for r in LegacyRecord.objects.filter(legacy_id=legacy_id, file=file)}


def _item(legacy_id):
    row = LegacyItem.objects.get(legacy_id=legacy_id)
    model = {"page": Page, "material": Material, "forum_thread": Thread, "forum_post": Post}[row.kind]
    return row, model.objects.get(pk=row.object_id)


def _account(legacy_id):
    return LegacyUser.objects.get(legacy_id=legacy_id).account


def _project(legacy_id):
    return LegacyProject.objects.get(legacy_id=legacy_id).project


def test_pupils_arrive_without_email_and_need_a_new_code_from_a_teacher(run_import):
    run_import()
    elif_ = LegacyPupil.objects.get(legacy_id="PU1").pupil
    assert (elif_.project, elif_.alias, elif_.created_by) == (_project("P1"), "Elif_7B", _account("U1"))
    assert elif_.code_reset_at is None and len(elif_.login_key) == 64
    assert not hasattr(elif_, "email")
    orphan = LegacyPupil.objects.get(legacy_id="PU2").pupil
    assert orphan.created_by is None and "creator_unknown" in _notes("PU2", "pupils.jsonl.gz")
    assert {("rejected", "unknown_project"), ("merged", "duplicate_line"), ("rejected", "malformed_line"),
            ("note", "ts_naive")} <= _reasons("pupils.jsonl.gz")
    assert Pupil.objects.count() == 3
    # No code logs in until a teacher generates a new one; then that one does.
    assert twinspace_services.pupil_authenticate(code="AAAA-BBBB-CCCC") is None
    from twinhub.legacy.selectors import project_notices

    assert "must generate a new login code" in project_notices(_project("P1"))[0]["text"]
    _pupil, code = twinspace_services.pupil_reset_code(project_id=_project("P1").pk, pupil_id=elif_.pk,
                                                       user=_account("U1").__class__.objects.get(pk=_project("P1").founder_id))
    assert twinspace_services.pupil_authenticate(code=code) == elif_
    assert "must generate a new login code for it" in project_notices(_project("P1"))[0]["text"]  # one left


def test_html_is_sanitised_by_the_user_input_sanitiser(run_import):
    run_import()
    _row, page = _item("T1")
    assert "<script" not in page.body_html and "alert" not in page.body_html and "<h2>More</h2>" in page.body_html
    _row, sub = _item("T2")
    assert "onerror" not in sub.body_html.lower() and "<img" in sub.body_html
    _row, thread = _item("T5")
    opening = Post.objects.filter(thread=thread).order_by("created_at", "id").first()
    assert "javascript" not in opening.body_html.lower() and "onclick" not in opening.body_html
    for lid in ("T1", "T2", "T5"):
        assert "html_sanitised" in _notes(lid, "twinspace_items.jsonl.gz")


def test_pages_subpages_long_titles_and_missing_parents(run_import):
    run_import()
    _r1, root = _item("T1")
    row, sub = _item("T2")
    assert sub.parent == root and sub.author_user == _account("U4")
    assert len(row.full_title) == 300 and len(sub.title) == 200 and sub.title.endswith("…")
    assert "title_long" in _notes("T2", "twinspace_items.jsonl.gz")
    _r3, orphan = _item("T3")
    assert orphan.parent is None and {"item_parent_missing", "ts_naive"} <= _notes("T3", "twinspace_items.jsonl.gz")
    assert orphan.created_at.isoformat() == "2013-01-02T00:00:00+00:00"
    row, thread = _item("T12")
    assert len(row.full_title) == 260 and len(thread.title) == 200 and "body_empty" in _notes("T12", "twinspace_items.jsonl.gz")


def test_forum_threads_posts_authors_pupils_and_unicode(run_import):
    run_import()
    _row, thread = _item("T5")
    elif_ = LegacyPupil.objects.get(legacy_id="PU1").pupil
    assert thread.title == "Our town 🇹🇷" and thread.author_pupil == elif_ and thread.author_user is None
    _row, reply = _item("T6")
    assert reply.thread == thread and reply.author_user == _account("U4")  # U6 re-registered U4
    assert "\u2028" in reply.body_html and "👩‍🏫❤️" in reply.body_html
    _row, silent = _item("T8")
    assert silent.thread == thread and silent.author_pupil is None and silent.author_user is None
    assert {"pupil_unknown", "body_empty"} <= _notes("T8", "twinspace_items.jsonl.gz")
    assert thread.posts.count() == 3 and thread.last_post_at.isoformat() == "2013-03-01T00:00:00+00:00"
    row, lost = _item("T7")  # its thread is not in the export: it opens a thread of its own
    assert lost.thread.title == "Lost thread" and row.full_title == "Re: Lost thread"
    assert "item_parent_missing" in _notes("T7", "twinspace_items.jsonl.gz")
    _row, arabic = _item("T10")
    assert arabic.title == "مرحبا Water" and "مرحبا بكم" in arabic.body_html and arabic.author_user is None
    assert {"author_unknown", "ts_future"} <= _notes("T10", "twinspace_items.jsonl.gz")


def test_materials_keep_name_type_and_size(run_import):
    run_import()
    _row, sheet = _item("T4")
    assert sheet.name == "Çalışma Kağıdı (1).docx" and sheet.kind == "document"
    assert sheet.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert sheet.size == 18000 and not sheet.file  # the bytes are not in the export
    _row, photo = _item("T11")
    assert (photo.kind, photo.content_type) == ("image", "image/jpeg")
    assert ("rejected", "unknown_project") in _reasons("twinspace_items.jsonl.gz")
    assert not LegacyItem.objects.filter(legacy_id="T9").exists()


def test_awarded_national_labels_come_with_certificates_for_the_right_teachers(run_import):
    run_import()
    q1 = LabelApplication.objects.get(legacy_id="Q1")
    assert (q1.applicant, q1.project, q1.year, q1.evaluation_status) == (_account("U1"), _project("P1"), 2013,
                                                                           "awarded")
    assert q1.scores == {"pedagogy": 8, "curriculum": 7, "collaboration": 9, "technology": 6, "results": 10}
    assert q1.total == 40 and q1.submitted_at.isoformat() == "2013-05-02T00:00:00+00:00"
    certificate = Label.objects.get(legacy_id="Q1")
    assert (certificate.kind, certificate.holder, certificate.application) == ("nql", _account("U1"), q1)
    assert len(certificate.verification_code) == 12
    q2 = LabelApplication.objects.get(legacy_id="Q2")
    assert q2.scores is None and q2.total is None and q2.label.holder == _account("U4")
    assert "ql_awarded_without_scores" in _notes("Q2", "quality_labels.jsonl.gz")
    assert ("merged", "label_duplicate") in _reasons("quality_labels.jsonl.gz")  # Q3: U6 is U4
    eql = Label.objects.get(legacy_id="Q5")
    assert (eql.kind, eql.holder, eql.project, eql.country) == ("eql", _account("U2"), _project("P2"), "IT")
    archived = LegacyLabel.objects.get(legacy_id="Q6")
    assert (archived.kind, archived.status, archived.application, archived.label) == ("european", "rejected", None,
                                                                                         None)
    assert {("rejected", "unknown_project"), ("rejected", "unknown_user"), ("merged", "duplicate_line"),
            ("rejected", "malformed_line")} <= _reasons("quality_labels.jsonl.gz")


def test_certificates_follow_the_teacher_who_claims_the_old_account(run_import):
    from allauth.account.models import EmailAddress

    from twinhub.legacy.services import legacy_attach_for_email
    from twinhub.testing import make_teacher

    run_import()
    teacher = make_teacher(email="ilker.new@school.example")
    EmailAddress.objects.create(user=teacher, email="ilker.şahin12@gmail.com", verified=True)
    # Saving a verified address attaches (decision 0025); attaching again changes nothing.
    assert sorted(LegacyUser.objects.filter(claimed_by=teacher).values_list("legacy_id", flat=True)) == ["U4", "U6"]
    assert legacy_attach_for_email(user=teacher, email="ilker.şahin12@gmail.com") == []
    assert list(Label.objects.filter(holder=teacher).values_list("legacy_id", flat=True)) == ["Q2"]
    assert set(LabelApplication.objects.filter(applicant=teacher).values_list("legacy_id", flat=True)) == {"Q2", "Q13"}


def test_pending_applications_take_their_place_in_the_yearly_counter(run_import):
    run_import()
    u1 = _account("U1")
    mine = LabelApplication.objects.filter(applicant=u1, year=2025).order_by("position_in_year")
    assert [(a.legacy_id, a.position_in_year, a.evaluation_status) for a in mine] == [
        ("Q10", 1, "queued"), ("Q11", 2, "queued"), ("Q12", 3, "queued")]
    assert YearCounter.objects.get(user=u1, year=2025).submitted == 3
    moved = LabelApplication.objects.get(legacy_id="Q7")
    assert moved.country == "PL" and moved.evaluation_status == "queued" and moved.scores is None
    assert moved.submitted_at.isoformat() == "2025-01-01T00:00:00+00:00"  # applied_at was in the future
    assert {"ql_country_changed", "ts_future"} <= _notes("Q7", "quality_labels.jsonl.gz")
    assert not Label.objects.filter(application__legacy_id__in=["Q7", "Q10"]).exists()


def test_pending_applications_obey_the_countrys_limits(run_import, people):
    policy_update(actor=people.nss_tr, country="TR", max_applications_per_year=2, max_members_from_country=1)
    run_import()
    statuses = dict(LabelApplication.objects.filter(year=2025, country="TR")
                    .values_list("legacy_id", "evaluation_status"))
    assert statuses == {"Q10": "queued", "Q11": "queued", "Q12": "not_evaluated_over_yearly_limit",
                        "Q13": "not_evaluated_too_many_members"}  # P1 has two teachers from Türkiye
    assert "ql_over_yearly_limit" in _notes("Q12", "quality_labels.jsonl.gz")
    assert "ql_too_many_members" in _notes("Q13", "quality_labels.jsonl.gz")
