"""The contact flow through the services: each refusal leaves the database as it was."""

import pytest
from django.core import mail

from twinhub.contacts import services
from twinhub.contacts.models import ContactRequest, RequestStatus
from twinhub.contacts.selectors import are_contacts, contact_ids_of, contacts_of
from twinhub.core.errors import ApplicationError
from twinhub.core.models import AuditEntry, Notification
from twinhub.schools.models import Membership, MembershipStatus
from twinhub.schools.services import membership_approve
from twinhub.testing import TEACHERS, db_state
from twinhub.testing.projects import make_contacts

# Everyone of rule 6's cases exists from the start: refusals name the coordinator who decides,
# and a snapshot taken before a request holds them all.
pytestmark = [pytest.mark.django_db, pytest.mark.people(*TEACHERS, "coordinator")]


def _refused(code, call):
    before = db_state()
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.code == code, caught.value.refusal
    assert db_state() == before
    return caught.value.refusal


def test_send_accept_makes_contacts_both_ways(people, django_capture_on_commit_callbacks):
    ayse, marco = people["teacher"], people["teacher_it"]
    with django_capture_on_commit_callbacks(execute=True):
        request = services.contact_request_send(sender=ayse, to_user_id=marco.pk, message="Merhaba!")
    assert Notification.objects.filter(user=marco, kind="contact.requested").exists()
    assert [m.to for m in mail.outbox] == [[marco.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_request_accept(user=marco, request_id=request.pk)
    assert are_contacts(ayse, marco) and are_contacts(marco, ayse)
    assert contact_ids_of(ayse) == {marco.pk}
    assert list(contacts_of(marco)) == [ayse]
    assert ContactRequest.objects.get(pk=request.pk).status == RequestStatus.ACCEPTED
    assert AuditEntry.objects.filter(action__in=["contact.requested", "contact.accepted"]).count() == 2
    assert Notification.objects.filter(user=ayse, kind="contact.accepted").exists()
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("sender, receiver, code", [
    ("pending_teacher", "teacher", "membership_pending"),  # the sender is pending
    ("teacher", "pending_teacher", "membership_pending"),  # the receiver is pending
    ("teacher_it", "pending_teacher_it", "membership_pending"),
    ("pending_teacher_it", "teacher_it", "membership_pending"),
    ("teacher", "teacher", "self_contact"),
])
def test_send_refusals_leave_db_unchanged(people, sender, receiver, code):
    _refused(code, lambda: services.contact_request_send(sender=people[sender], to_user_id=people[receiver].pk))


def test_pending_receiver_refusal_names_them_and_the_coordinators(people):
    refusal = _refused("membership_pending", lambda: services.contact_request_send(
        sender=people["teacher_it"], to_user_id=people["pending_teacher"].pk))
    assert "Pending Teacher" in refusal.message
    assert "TR-06" in refusal.who_must_act
    # The coordinator of Ankara is named with a way to reach them.
    assert people["coordinator"].email in refusal.next_step


def test_account_without_profile_is_not_found_and_cannot_send(people):
    _refused("not_found", lambda: services.contact_request_send(sender=people["teacher"],
                                                                to_user_id=people["no_profile"].pk))
    _refused("not_etwinner", lambda: services.contact_request_send(sender=people["no_profile"],
                                                                   to_user_id=people["teacher"].pk))


def test_duplicate_and_crossing_requests_are_refused(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    services.contact_request_send(sender=ayse, to_user_id=marco.pk)
    _refused("request_pending", lambda: services.contact_request_send(sender=ayse, to_user_id=marco.pk))
    _refused("request_incoming", lambda: services.contact_request_send(sender=marco, to_user_id=ayse.pk))


def test_already_contacts_refused(people):
    make_contacts(people["teacher"], people["teacher_it"])
    _refused("already_contacts", lambda: services.contact_request_send(sender=people["teacher"],
                                                                       to_user_id=people["teacher_it"].pk))


def test_accept_rechecks_when_the_sender_lost_approval(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    request = services.contact_request_send(sender=ayse, to_user_id=marco.pk)
    # Ayşe moves to a new school; the old membership is gone, the new one pending.
    pending = people["pending_teacher"]
    school = Membership.objects.get(user=pending).school
    Membership.objects.filter(user=ayse).delete()
    Membership.objects.create(user=ayse, school=school)
    refusal = _refused("membership_pending", lambda: services.contact_request_accept(user=marco,
                                                                                     request_id=request.pk))
    assert ayse.display_name in refusal.message
    membership = Membership.objects.get(user=ayse)
    membership_approve(actor=people["coordinator"], membership_id=membership.pk)
    services.contact_request_accept(user=marco, request_id=request.pk)
    assert are_contacts(ayse, marco)


def test_who_may_do_what_with_a_request(people):
    ayse, marco, stranger = people["teacher"], people["teacher_it"], people["teacher_pl"]
    request = services.contact_request_send(sender=ayse, to_user_id=marco.pk)
    for user in (stranger, people["pending_teacher"], people["coordinator"]):
        for call in (services.contact_request_accept, services.contact_request_decline,
                     services.contact_request_withdraw):
            _refused("not_found", lambda call=call, user=user: call(user=user, request_id=request.pk))
    _refused("forbidden", lambda: services.contact_request_accept(user=ayse, request_id=request.pk))
    _refused("forbidden", lambda: services.contact_request_decline(user=ayse, request_id=request.pk))
    _refused("forbidden", lambda: services.contact_request_withdraw(user=marco, request_id=request.pk))
    services.contact_request_decline(user=marco, request_id=request.pk)
    assert Notification.objects.filter(user=ayse, kind="contact.declined").exists()
    _refused("request_closed", lambda: services.contact_request_accept(user=marco, request_id=request.pk))
    _refused("request_closed", lambda: services.contact_request_withdraw(user=ayse, request_id=request.pk))


def test_withdraw_then_ask_again(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    request = services.contact_request_send(sender=ayse, to_user_id=marco.pk)
    services.contact_request_withdraw(user=ayse, request_id=request.pk)
    assert ContactRequest.objects.get(pk=request.pk).status == RequestStatus.WITHDRAWN
    again = services.contact_request_send(sender=ayse, to_user_id=marco.pk)
    assert again.pk != request.pk


def test_remove_contact_both_directions(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    make_contacts(ayse, marco)
    _refused("not_found", lambda: services.contact_remove(user=ayse, other_id=people["teacher_pl"].pk))
    services.contact_remove(user=marco, other_id=ayse.pk)
    assert not are_contacts(ayse, marco) and not are_contacts(marco, ayse)
    assert AuditEntry.objects.filter(action="contact.removed").count() == 1


def test_approval_makes_a_pending_teacher_addable(people):
    pending = people["pending_teacher"]
    membership = Membership.objects.get(user=pending)
    membership_approve(actor=people["coordinator"], membership_id=membership.pk)
    assert Membership.objects.get(pk=membership.pk).status == MembershipStatus.APPROVED
    request = services.contact_request_send(sender=people["teacher_it"], to_user_id=pending.pk)
    assert request.status == RequestStatus.PENDING
