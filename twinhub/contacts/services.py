"""Writes about contacts and the mailbox. Each runs in one transaction with its audit row;
notifications are created in it and emails leave after commit.

Concurrency: every change to a pair first locks both users' rows in id order, so crossing
requests (A→B while B→A) and double accepts are serialised; the unique constraints are the
last line and an IntegrityError becomes the same refusal the rule would have given.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.contacts import selectors
from twinhub.contacts.codes import ContactAudit, ContactNotice
from twinhub.contacts.models import Contact, ContactRequest, Message, RequestStatus, Thread, ThreadMember
from twinhub.contacts.rules import (
    OUTGOING,
    contact_accept_refusal,
    contact_request_refusal,
    message_refusal,
    request_open_refusal,
    request_party_refusal,
)
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, Refusal, not_found
from twinhub.core.models import Notification
from twinhub.core.notifications import notify, unread_forget
from twinhub.schools.selectors import etwinner_refusal_for


def _check(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ApplicationError(refusal)


def _lock_pair(a_id: int, b_id: int) -> None:
    list(get_user_model().objects.select_for_update().filter(pk__in={a_id, b_id}).order_by("pk")
         .values_list("pk", flat=True))


def _link(a, b) -> None:
    """The two rows of a contact. Only `contact_request_accept` calls this, after rule 6."""
    Contact.objects.get_or_create(user=a, other=b)
    Contact.objects.get_or_create(user=b, other=a)


@transaction.atomic
def contact_request_send(*, sender: User, to_user_id: int, message: str = "") -> ContactRequest:
    """Rule 6: ask an eTwinner to become a contact."""
    receiver = selectors.teacher_for_viewer(sender, to_user_id)
    _lock_pair(sender.pk, receiver.pk)
    _check(selectors.contact_request_check(sender, receiver))
    try:
        with transaction.atomic():
            request = ContactRequest.objects.create(from_user=sender, to_user=receiver, message=message.strip()[:1000])
    except IntegrityError:  # a simultaneous identical request won
        _check(contact_request_refusal(is_self=False, sender_refusal=None, receiver_refusal=None,
                                       already_contacts=False, pending=OUTGOING,
                                       receiver_name=receiver.display_name))
    audit_record(actor=sender, action=ContactAudit.REQUESTED, obj=request, to_user=receiver.pk)
    notify(user=receiver, kind=ContactNotice.REQUESTED, params={"name": sender.display_name},
           url=reverse("contacts"), email_template="contacts/email/contact_requested")
    return request


def _open_request(user, request_id: int, action: str) -> ContactRequest:
    """The request, locked, after checking who may do what with it."""
    request = selectors.request_for_party(user, request_id)
    _lock_pair(request.from_user_id, request.to_user_id)
    request = selectors.request_for_party(user, request_id, for_update=True)
    _check(request_party_refusal(is_party=True, is_receiver=request.to_user_id == user.pk, action=action))
    return request


@transaction.atomic
def contact_request_accept(*, user: User, request_id: int) -> ContactRequest:
    request = _open_request(user, request_id, "accept")
    sender = request.from_user
    # Rule 6 again: either side may have lost approval since the request was sent.
    _check(contact_accept_refusal(status=request.status, acceptor_refusal=etwinner_refusal_for(user),
                                  sender_refusal=etwinner_refusal_for(sender, person=sender.display_name)))
    request.status, request.decided_at = RequestStatus.ACCEPTED, timezone.now()
    request.save(update_fields=["status", "decided_at"])
    # A crossing request the other way is answered by this acceptance too.
    ContactRequest.objects.filter(from_user=user, to_user=sender, status=RequestStatus.PENDING).update(
        status=RequestStatus.ACCEPTED, decided_at=request.decided_at)
    try:
        with transaction.atomic():
            _link(user, sender)
    except IntegrityError:  # already linked by a simultaneous accept: the pair exists, nothing to add
        pass
    audit_record(actor=user, action=ContactAudit.ACCEPTED, obj=request, from_user=sender.pk)
    notify(user=sender, kind=ContactNotice.ACCEPTED, params={"name": user.display_name},
           url=reverse("teacher_card", args=[user.pk]), email_template="contacts/email/contact_accepted")
    return request


@transaction.atomic
def contact_request_decline(*, user: User, request_id: int) -> ContactRequest:
    request = _open_request(user, request_id, "decline")
    _check(request_open_refusal(status=request.status))
    request.status, request.decided_at = RequestStatus.DECLINED, timezone.now()
    request.save(update_fields=["status", "decided_at"])
    audit_record(actor=user, action=ContactAudit.DECLINED, obj=request, from_user=request.from_user_id)
    notify(user=request.from_user, kind=ContactNotice.DECLINED, params={"name": user.display_name},
           url=reverse("contacts"))
    return request


@transaction.atomic
def contact_request_withdraw(*, user: User, request_id: int) -> ContactRequest:
    request = _open_request(user, request_id, "withdraw")
    _check(request_open_refusal(status=request.status))
    request.status, request.decided_at = RequestStatus.WITHDRAWN, timezone.now()
    request.save(update_fields=["status", "decided_at"])
    audit_record(actor=user, action=ContactAudit.WITHDRAWN, obj=request, to_user=request.to_user_id)
    return request


@transaction.atomic
def contact_remove(*, user: User, other_id: int) -> None:
    """End a contact, both directions. Someone who is not a contact is "not found"."""
    _lock_pair(user.pk, other_id)
    link = Contact.objects.filter(user=user, other_id=other_id).first()
    if link is None:
        raise not_found()
    Contact.objects.filter(user_id__in=[user.pk, other_id], other_id__in=[user.pk, other_id]).delete()
    audit_record(actor=user, action=ContactAudit.REMOVED, obj=link, other=other_id)


# --- Mailbox ----------------------------------------------------------------------------------

def _thread_for_pair(a, b) -> Thread:
    low, high = sorted([a.pk, b.pk])
    try:
        with transaction.atomic():
            thread, _created = Thread.objects.get_or_create(user_low_id=low, user_high_id=high)
    except IntegrityError:  # created by a simultaneous first message
        thread = Thread.objects.get(user_low_id=low, user_high_id=high)
    for user, other in ((a, b), (b, a)):
        ThreadMember.objects.get_or_create(thread=thread, user=user, defaults={"other": other})
    return thread


@transaction.atomic
def message_send(*, sender: User, to_user_id: int, body: str) -> Message:
    """Write to a contact (plain text). Only contacts write to each other."""
    recipient = get_user_model().objects.filter(pk=to_user_id, is_active=True).first()
    if recipient is None or recipient.pk == sender.pk:
        raise not_found()
    _lock_pair(sender.pk, recipient.pk)
    _check(message_refusal(are_contacts=selectors.are_contacts(sender, recipient), body=body,
                           other_name=recipient.display_name))
    thread = _thread_for_pair(sender, recipient)
    message = Message.objects.create(thread=thread, sender=sender, body=body.strip()[:5000])
    Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
    ThreadMember.objects.filter(thread=thread, user=recipient).update(unread=F("unread") + 1)
    ThreadMember.objects.filter(thread=thread, user=sender).update(unread=0, last_read_at=message.created_at)
    audit_record(actor=sender, action=ContactAudit.MESSAGE_SENT, obj=message, to_user=recipient.pk)
    # The nav's notification badge counts unread messages too (no extra query on every page);
    # opening the thread marks them read.
    notify(user=recipient, kind=ContactNotice.MESSAGE_RECEIVED, params={"name": sender.display_name, "from": sender.pk},
           url=reverse("mailbox_thread", args=[sender.pk]), email_template="contacts/email/message_received")
    return message


@transaction.atomic
def thread_mark_read(*, user: User, other_id: int) -> None:
    now = timezone.now()
    ThreadMember.objects.filter(user=user, other_id=other_id, unread__gt=0).update(unread=0, last_read_at=now)
    Notification.objects.filter(user=user, kind=ContactNotice.MESSAGE_RECEIVED, params__from=other_id,
                                read_at__isnull=True).update(read_at=now)
    unread_forget([user.pk])
