import json

import pytest
from django.core.management import CommandError

from twinhub.contacts.models import Contact
from twinhub.legacy.models import LegacyProject, LegacyRecord, LegacySchool, LegacyUser
from twinhub.projects.models import Project, ProjectMember
from twinhub.schools.models import Membership
from twinhub.testing.legacy_dump import canonical_dump
from twinhub.testing.legacy_export import write_export
from twinhub.testing.schools import misplaced_memberships

pytestmark = pytest.mark.django_db


def _reasons(file):
    return {(r.outcome, r.reason) for r in LegacyRecord.objects.filter(file=file)}


def _account(legacy_id):
    return LegacyUser.objects.get(legacy_id=legacy_id).account


def test_every_line_is_imported_merged_or_rejected_and_the_report_adds_up(run_import, export_dir, tmp_path):
    run_import("--report", str(tmp_path / "r.json"))
    report = json.loads((tmp_path / "r.json").read_text())
    manifest = json.loads((export_dir / "manifest.json").read_text())
    assert report["format"] == 1
    assert set(report["files"]) == set(manifest["files"])  # all eight files
    for name, counts in report["files"].items():
        assert counts["lines"] == manifest["files"][name]["records"]
        assert counts["lines"] == counts["imported"] + counts["merged"] + counts["rejected"]
        listed = [r for r in report["records"] if r["file"] == name]
        assert len([r for r in listed if r["outcome"] == "merged"]) == counts["merged"]
        assert len([r for r in listed if r["outcome"] == "rejected"]) == counts["rejected"]
        assert all(r["reason"] and isinstance(r["line"], int) for r in listed)


def test_line_anomalies_in_every_file(run_import):
    run_import()
    for name in ("schools.jsonl.gz", "users.jsonl.gz", "contacts.jsonl.gz", "projects.jsonl.gz",
                 "project_members.jsonl.gz", "pupils.jsonl.gz", "twinspace_items.jsonl.gz", "quality_labels.jsonl.gz"):
        assert ("merged", "duplicate_line") in _reasons(name)
        assert ("rejected", "malformed_line") in _reasons(name)
    assert {("note", "ts_naive"), ("note", "ts_future")} <= _reasons("schools.jsonl.gz")


def test_reregistered_schools_merge_by_number_and_by_name(run_import):
    run_import()
    s1, s3 = LegacySchool.objects.get(legacy_id="S1"), LegacySchool.objects.get(legacy_id="S3")
    assert s3.school_id == s1.school_id and s3.merged_into == "S1"
    s4, s5 = LegacySchool.objects.get(legacy_id="S4"), LegacySchool.objects.get(legacy_id="S5")
    assert s5.school_id == s4.school_id
    assert s4.school.created_at.isoformat() == "2007-03-01T11:00:00+00:00"  # ts_naive read as UTC


def test_users_validated_memberships_approved_reregistered_merged_missing_school_dropped(run_import):
    run_import()
    ayse = _account("U1")
    assert not ayse.is_active and not ayse.has_usable_password()  # a placeholder until claimed
    assert Membership.objects.get(user=ayse).status == "approved"
    assert ayse.profile.country == "TR" and ayse.profile.subjects == ["history"]
    mehmet = _account("U3")
    assert list(Membership.objects.filter(user=mehmet).values_list("status", flat=True)) == ["pending"]
    assert mehmet.first_name == "MEHMET" and mehmet.last_name == "KAYA"  # trimmed
    # U6 re-registered U4 (Turkish upper case e-mail): one account, schools united (S1 and S3 are one school).
    assert _account("U6") == _account("U4")
    assert LegacyUser.objects.get(legacy_id="U6").merged_into == "U4"
    assert Membership.objects.filter(user=_account("U4")).count() == 1
    # A user whose only school was deleted arrives without a school and must add one.
    assert not Membership.objects.filter(user=_account("U7")).exists()
    assert LegacyRecord.objects.filter(legacy_id="U7", reason="school_missing").exists()
    assert LegacyRecord.objects.filter(legacy_id="U7", reason="login_before_registration").exists()
    invalid = LegacyUser.objects.get(legacy_id="U5")
    assert invalid.email_key == "" and LegacyRecord.objects.filter(legacy_id="U5", reason="email_invalid").exists()


def test_contacts_one_undirected_pair_with_earliest_date(run_import):
    run_import()
    a, b = _account("U1"), _account("U2")
    links = Contact.objects.filter(user__in=[a, b], other__in=[a, b])
    assert links.count() == 2 and {c.since.isoformat() for c in links} == {"2012-04-01T00:00:00+00:00"}
    reasons = _reasons("contacts.jsonl.gz")
    assert {("merged", "contact_both_directions"), ("rejected", "contact_self"), ("rejected", "unknown_user"),
            ("merged", "contact_merged_user")} <= reasons


def test_projects_scope_by_rule_2_long_title_kept_and_members(run_import):
    run_import()
    p1 = LegacyProject.objects.get(legacy_id="P1").project
    assert p1.scope == "national" and p1.founder_countries == ["TR", "TR"] and p1.state == "open"
    p2 = LegacyProject.objects.get(legacy_id="P2")
    assert p2.project.scope == "european" and p2.project.state == "awaiting_approval"
    assert "\u2028" in p2.full_title
    p3 = LegacyProject.objects.get(legacy_id="P3")
    assert len(p3.full_title) == 300 and len(p3.project.title) <= 200 and p3.project.title.endswith("…")
    assert p3.project.state == "archived"
    assert ProjectMember.objects.filter(project=p2.project).count() == 4
    unschooled = ProjectMember.objects.get(project=p2.project, user=_account("U7"))
    assert unschooled.school is None and unschooled.country == "UA"
    assert {("rejected", "unknown_project"), ("rejected", "unknown_user"), ("merged", "member_merged_user")} \
        <= _reasons("project_members.jsonl.gz")


def test_running_again_changes_nothing_and_says_so(run_import):
    run_import()
    before = canonical_dump()
    counts = (Project.objects.count(), Contact.objects.count(), LegacyRecord.objects.count())
    out = run_import()
    assert "Nothing to do" in out
    assert canonical_dump() == before
    assert (Project.objects.count(), Contact.objects.count(), LegacyRecord.objects.count()) == counts


def test_phases_run_months_apart_and_in_order(run_import):
    with pytest.raises(CommandError, match="needs the accounts phase"):
        run_import("--phase", "projects")
    run_import("--phase", "accounts")
    assert not Project.objects.exists()
    from twinhub.legacy.selectors import migration_status

    states = {s["phase"]: s["state"] for s in migration_status()}
    assert states == {"accounts": "done", "projects": "pending", "twinspaces": "pending", "labels": "pending"}
    run_import()
    assert Project.objects.count() == 4


def test_unknown_version_and_unreadable_folder_are_clear_errors(tmp_path, run_import):
    old = write_export(tmp_path / "v2", version="2")
    with pytest.raises(CommandError, match="Unknown export format version '2'"):
        run_import(folder=old)
    with pytest.raises(CommandError, match="not a readable folder"):
        run_import(folder=tmp_path / "missing")
    assert not LegacyUser.objects.exists()


def test_damaged_file_stops_before_writing(export_dir, run_import):
    path = export_dir / "users.jsonl.gz"
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(CommandError, match="does not match the manifest"):
        run_import()
    assert not LegacyUser.objects.exists()


def test_a_fresh_import_finds_the_users_schools_in_what_it_wrote(run_import):
    """The users file asks the database for no school a fresh import wrote (it remembers them); the
    memberships are the ones the test above checks. A resumed import asks the database (test_kill_resume)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        run_import("--phase", "accounts")
    asked = [q["sql"] for q in queries.captured_queries
             if q["sql"].startswith('SELECT "legacy_legacyschool"."legacy_id"') and '"school_id"' in q["sql"].split("FROM")[0]]
    assert not asked
    assert Membership.objects.filter(user=_account("U1"), school=LegacySchool.objects.get(legacy_id="S1").school).exists()
    assert Membership.objects.exists() and not misplaced_memberships().exists()  # each carries its school's place
