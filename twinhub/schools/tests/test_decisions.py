"""Deciding a membership: the audit log (who, when, what, reason), the teacher's email and
in-app notification in their language, the reason a rejection needs, and no second decision."""

import pytest
from django.core import mail
from django.utils import translation

from twinhub.core.models import AuditEntry, Notification
from twinhub.schools.models import MembershipStatus
from twinhub.schools.selectors import is_etwinner
from twinhub.schools.services import membership_approve
from twinhub.testing import STAFF, ApiClient, assert_refused, client_for, db_state
from twinhub.testing.schools import pending_membership

pytestmark = [pytest.mark.django_db, pytest.mark.people("teacher", *STAFF)]  # every validator exists


def test_request_and_decisions_are_audited(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approved = pending_membership("TR-06")
        rejected = pending_membership("TR-06")
    requested = AuditEntry.objects.get(action="membership.requested", object_id=str(approved.pk))
    assert requested.actor == approved.user and requested.data["school"] == approved.school_id

    coordinator = people["coordinator"]
    assert ApiClient(coordinator).post(f"/memberships/{approved.pk}/approve").status_code == 200
    assert ApiClient(coordinator).post(f"/memberships/{rejected.pk}/reject",
                                       {"reason": "  Not on the staff list "}).status_code == 200

    entry = AuditEntry.objects.get(action="membership.approved", object_id=str(approved.pk))
    assert entry.actor == coordinator and entry.created_at is not None
    assert entry.object_type == "schools.membership" and entry.data["teacher"] == approved.user_id
    entry = AuditEntry.objects.get(action="membership.rejected", object_id=str(rejected.pk))
    assert entry.actor == coordinator and entry.data["reason"] == "Not on the staff list"
    rejected.refresh_from_db()
    assert rejected.reason == "Not on the staff list" and rejected.decided_at is not None


def test_the_teacher_is_told_by_email_and_notification(people, django_capture_on_commit_callbacks):
    membership = pending_membership("TR-06")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = ApiClient(people["coordinator"]).post(f"/memberships/{membership.pk}/reject",
                                                        {"reason": "Wrong school"})
    assert response.status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [membership.user.email]
    assert "rejected" in mail.outbox[0].subject and "Wrong school" in mail.outbox[0].body
    notification = Notification.objects.get(user=membership.user)
    assert notification.kind == "membership.rejected" and "Wrong school" in notification.text


def test_email_and_notification_in_the_teachers_language(people, django_capture_on_commit_callbacks):
    membership = pending_membership("TR-06")
    membership.user.language = "tr"
    membership.user.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert ApiClient(people["coordinator"]).post(f"/memberships/{membership.pk}/approve").status_code == 200
    assert mail.outbox[0].subject == "Okul üyeliğiniz onaylandı"
    assert "eTwinning üyesisiniz" in mail.outbox[0].body
    with translation.override("tr"):
        assert "onaylandı" in Notification.objects.get(user=membership.user).text
    assert is_etwinner(membership.user)


def test_reject_needs_a_reason(people):
    membership = pending_membership("TR-06")
    before = db_state()
    client = ApiClient(people["coordinator"])
    assert_refused(client.post(f"/memberships/{membership.pk}/reject", {"reason": "   "}), "reason_required", 400)
    assert_refused(client.post(f"/memberships/{membership.pk}/reject", {}), "reason_required", 400)
    response = client_for(people["coordinator"]).post(
        "/validation/decide/", {"membership": [membership.pk], "decision": "reject", "reason": ""}, follow=True)
    assert "Give the teacher a reason" in response.content.decode()
    assert db_state() == before


@pytest.mark.parametrize("second", ["approve", "reject"])
def test_a_decided_membership_cannot_be_decided_again(people, second):
    membership = pending_membership("TR-34")
    membership_approve(actor=people["coordinator_tr34"], membership_id=membership.pk)
    before = db_state()
    response = ApiClient(people["nss_tr"]).post(f"/memberships/{membership.pk}/{second}", {"reason": "No"})
    assert_refused(response, "already_decided", 409)
    assert db_state() == before
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED and membership.decided_by == people["coordinator_tr34"]


def test_api_queue_filters_by_age_school_and_status(people):
    from datetime import timedelta

    from django.utils import timezone

    from twinhub.schools.models import Membership

    old, new = pending_membership("TR-06"), pending_membership("TR-06")
    Membership.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=10))
    client = ApiClient(people["coordinator"])
    assert [r["id"] for r in client.get("/memberships", {"min_age_days": 7}).json()] == [old.pk]
    assert [r["id"] for r in client.get("/memberships", {"school_id": new.school_id}).json()] == [new.pk]
    assert [r["id"] for r in client.get("/memberships").json()] == [old.pk, new.pk]   # oldest first
    membership_approve(actor=people["coordinator"], membership_id=new.pk)
    approved = client.get("/memberships", {"status": "approved"}).json()
    assert new.pk in {r["id"] for r in approved} and {r["status"] for r in approved} == {"approved"}
    assert old.pk not in {r["id"] for r in approved}
