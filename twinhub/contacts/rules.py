"""Rule 6: only eTwinners (an approved school membership) send or receive contact requests,
and only contacts write to each other. Pure functions: services, pages and the API call these.

The eTwinner part is rule 1's own explanation (`twinhub.schools.rules.etwinner_refusal`), passed
in already built: for the sender it speaks to "you", for the receiver it names them, so the
message says whose membership is pending, since when and which coordinator decides.
"""

from django.utils.translation import gettext as _

from twinhub.contacts.codes import ContactCode
from twinhub.core.codes import Code
from twinhub.core.errors import Refusal

OUTGOING, INCOMING = "outgoing", "incoming"


def contact_request_refusal(*, is_self: bool, sender_refusal: Refusal | None, receiver_refusal: Refusal | None,
                            already_contacts: bool, pending: str | None, receiver_name: str = "") -> Refusal | None:
    """May the sender ask the receiver to become a contact? `pending` is OUTGOING when the sender
    already asked, INCOMING when the receiver already asked the sender."""
    if is_self:
        return Refusal(code=ContactCode.SELF_CONTACT, status=400, message=_("You cannot add yourself as a contact."))
    if sender_refusal is not None:
        return sender_refusal
    if receiver_refusal is not None:
        return receiver_refusal
    if already_contacts:
        return Refusal(code=ContactCode.ALREADY_CONTACTS, status=409,
                       message=_("%(person)s is already one of your contacts.") % {"person": receiver_name})
    if pending == OUTGOING:
        return Refusal(code=ContactCode.REQUEST_PENDING, status=409,
                       message=_("You already asked %(person)s; the request is waiting for an answer.")
                       % {"person": receiver_name},
                       who_must_act=receiver_name,
                       next_step=_("Wait for the answer, or withdraw the request on your contacts page."))
    if pending == INCOMING:
        return Refusal(code=ContactCode.REQUEST_INCOMING, status=409,
                       message=_("%(person)s has already asked you to become a contact.") % {"person": receiver_name},
                       who_must_act=_("you"),
                       next_step=_("Accept the request on your contacts page."))
    return None


def contact_accept_refusal(*, status: str, acceptor_refusal: Refusal | None,
                           sender_refusal: Refusal | None) -> Refusal | None:
    """Accepting re-checks rule 6: either side may have lost their approval since the request."""
    closed = request_open_refusal(status=status)
    if closed is not None:
        return closed
    return acceptor_refusal or sender_refusal


def request_open_refusal(*, status: str) -> Refusal | None:
    """A request is answered (accepted, declined) or withdrawn only while it is pending."""
    if status == "pending":
        return None
    return Refusal(code=ContactCode.REQUEST_CLOSED, status=409,
                   message=_("This contact request has already been answered or withdrawn."))


def request_party_refusal(*, is_party: bool, is_receiver: bool, action: str) -> Refusal | None:
    """The receiver accepts or declines; the sender withdraws. Strangers never see the request
    (the selector answers "not found" before this is asked)."""
    if not is_party:
        return Refusal(code=Code.NOT_FOUND, status=404, message=_("Not found."))
    if action in ("accept", "decline") and not is_receiver:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Only the person you asked can accept or decline this request."),
                       who_must_act=_("the person you asked"))
    if action == "withdraw" and is_receiver:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Only the sender can withdraw a request; you can decline it."),
                       who_must_act=_("you"), next_step=_("Decline the request instead."))
    return None


def message_refusal(*, are_contacts: bool, body: str, other_name: str = "") -> Refusal | None:
    """Only contacts write to each other, and a message has some text."""
    if not are_contacts:
        return Refusal(code=ContactCode.NOT_CONTACT, status=403,
                       message=_("You can only write to your contacts; %(person)s is not one of them.")
                       % {"person": other_name or _("this person")},
                       who_must_act=_("you"),
                       next_step=_("Send a contact request first; once it is accepted you can write."))
    if not body.strip():
        return Refusal(code=Code.EMPTY_MESSAGE, status=400, message=_("Write a message first."))
    return None
