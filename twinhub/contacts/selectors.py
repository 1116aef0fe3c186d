"""Reads about contacts, requests, the mailbox and partner search. Other apps (projects:
co-founders, invitations) use `are_contacts`, `contact_ids_of` and `contacts_of`."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet, Sum, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from twinhub.accounts.models import Profile
from twinhub.contacts.models import (
    Contact,
    ContactRequest,
    Message,
    RequestStatus,
    TeacherSearchEntry,
    ThreadMember,
)
from twinhub.contacts.rules import INCOMING, OUTGOING, contact_request_refusal
from twinhub.contacts.search_index import search_words
from twinhub.core.errors import Refusal, not_found
from twinhub.schools.selectors import etwinner_refusal_for

PAGE_SIZE = 20
MAX_PAGE = 100  # deep OFFSETs are slow and nobody reads page 101: refine the search instead
SORTS = ("name", "recent", "relevance")


def are_contacts(a, b) -> bool:
    return Contact.objects.filter(user=a, other=b).exists()


def contact_ids_of(user) -> set[int]:
    return set(Contact.objects.filter(user=user).values_list("other_id", flat=True))


def contacts_of(user) -> QuerySet:
    return (get_user_model().objects.filter(pk__in=Contact.objects.filter(user=user).values("other_id"))
            .select_related("profile").order_by("last_name", "first_name", "id"))


# --- Requests -----------------------------------------------------------------------------

def pending_direction(sender, receiver) -> str | None:
    rows = set(ContactRequest.objects.filter(
        Q(from_user=sender, to_user=receiver) | Q(from_user=receiver, to_user=sender),
        status=RequestStatus.PENDING).values_list("from_user_id", flat=True))
    if sender.pk in rows:
        return OUTGOING
    if receiver.pk in rows:
        return INCOMING
    return None


def contact_request_check(sender, receiver) -> Refusal | None:
    """Rule 6 for this pair, with the facts read from the database."""
    is_self = sender.pk == receiver.pk
    return contact_request_refusal(
        is_self=is_self,
        sender_refusal=None if is_self else etwinner_refusal_for(sender),
        receiver_refusal=None if is_self else etwinner_refusal_for(receiver, person=receiver.display_name),
        already_contacts=are_contacts(sender, receiver),
        pending=pending_direction(sender, receiver),
        receiver_name=receiver.display_name,
    )


def requests_incoming(user) -> QuerySet[ContactRequest]:
    return (ContactRequest.objects.filter(to_user=user, status=RequestStatus.PENDING)
            .select_related("from_user__profile"))


def requests_outgoing(user) -> QuerySet[ContactRequest]:
    return (ContactRequest.objects.filter(from_user=user, status=RequestStatus.PENDING)
            .select_related("to_user__profile"))


def request_for_party(user, request_id: int, *, for_update: bool = False) -> ContactRequest:
    """A request its sender or receiver may see; anyone else gets "not found"."""
    qs = ContactRequest.objects.select_related("from_user", "to_user")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    found = qs.filter(Q(from_user=user) | Q(to_user=user), pk=request_id).first()
    if found is None:
        raise not_found()
    return found


# --- Teachers -------------------------------------------------------------------------------

def teacher_for_viewer(viewer, user_id: int):
    """A member's profile card: anyone who joined eTwinning (so a pending member's card can say
    why they cannot be added yet). Accounts without a profile are "not found"."""
    user = (get_user_model().objects.filter(pk=user_id, is_active=True, profile__isnull=False)
            .select_related("profile").first())
    if user is None or not viewer.is_authenticated:
        raise not_found()
    return user


@dataclass
class SearchPage:
    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _text_filter(qs, q: str, sort: str):
    words = search_words(q)[:8]
    if not words:
        return qs, False
    if connection.vendor == "postgresql":
        # Whole words, and prefixes of words of three letters or more ("ayş" finds "Ayşe"). The
        # words are \w+ only, so they cannot carry tsquery operators.
        terms = " & ".join(f"{w}:*" if len(w) >= 3 else w for w in words)
        qs = qs.filter(RawSQL("search @@ to_tsquery('simple', %s)", [terms], output_field=BooleanField()))
        if sort == "relevance":
            qs = qs.alias(rank=RawSQL("ts_rank(search, to_tsquery('simple', %s))", [terms],
                                      output_field=FloatField()))
            return qs, True
        return qs, False
    for word in words:  # SQLite: the folded document, word by word
        qs = qs.filter(document__contains=word)
    return qs, False


def _list_filter(qs, field: str, value: str):
    if not value:
        return qs
    if connection.vendor == "postgresql":
        return qs.filter(**{f"{field}__contains": [value]})  # jsonb @>, GIN-indexed
    # SQLite has no JSON containment: look for the quoted code in the JSON text.
    return qs.alias(**{f"{field}_text": Cast(field, TextField())}).filter(**{f"{field}_text__contains": f'"{value}"'})


def teachers_search(*, q: str = "", country: str = "", subject: str = "", language: str = "",
                    age_range: str = "", available: bool | None = None, sort: str = "name", page: int = 1,
                    page_size: int = PAGE_SIZE) -> SearchPage:
    """eTwinners matching the filters, one page (no total count: counting a million rows is
    the slow part of a search, and "next page" is all a pager needs). Two queries at most."""
    qs = TeacherSearchEntry.objects.all()
    if country:
        qs = qs.filter(country=country)
    qs = _list_filter(qs, "subjects", subject)
    qs = _list_filter(qs, "languages", language)
    qs = _list_filter(qs, "age_ranges", age_range)
    if available is not None:
        qs = qs.filter(available=available)
    qs, ranked = _text_filter(qs, q, sort)
    if ranked:
        qs = qs.order_by("-rank", "sort_name", "user_id")
    elif sort == "recent":
        qs = qs.order_by("-joined_at", "user_id")
    else:
        qs = qs.order_by("sort_name", "user_id")
    page = min(max(page, 1), MAX_PAGE)
    start = (page - 1) * page_size
    rows = list(qs[start:start + page_size + 1])
    return SearchPage(items=rows[:page_size], number=page, has_next=len(rows) > page_size)


def relations_of(viewer, user_ids: list[int]) -> dict[int, str]:
    """For result lists: which of these people are contacts or have a pending request with the
    viewer. Two queries, whatever the number of people."""
    if not viewer.is_authenticated or not user_ids:
        return {}
    relation = {}
    for row in ContactRequest.objects.filter(
            Q(from_user=viewer, to_user_id__in=user_ids) | Q(to_user=viewer, from_user_id__in=user_ids),
            status=RequestStatus.PENDING).values("from_user_id", "to_user_id"):
        if row["from_user_id"] == viewer.pk:
            relation[row["to_user_id"]] = OUTGOING
        else:
            relation[row["from_user_id"]] = INCOMING
    for other in Contact.objects.filter(user=viewer, other_id__in=user_ids).values_list("other_id", flat=True):
        relation[other] = "contact"
    if viewer.pk in user_ids:
        relation[viewer.pk] = "self"
    return relation


def profile_of(user) -> Profile | None:
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


# --- Mailbox --------------------------------------------------------------------------------

def mailbox_threads(user) -> QuerySet[ThreadMember]:
    return (ThreadMember.objects.filter(user=user).select_related("thread", "other")
            .order_by("-thread__last_message_at", "-thread_id"))


def mailbox_unread_total(user) -> int:
    return ThreadMember.objects.filter(user=user, unread__gt=0).aggregate(n=Sum("unread"))["n"] or 0


def thread_member_for(user, other_id: int) -> ThreadMember | None:
    return ThreadMember.objects.select_related("thread", "other").filter(user=user, other_id=other_id).first()


def thread_messages(member: ThreadMember, *, limit: int = 200) -> list[Message]:
    """The latest messages of the thread, oldest first."""
    latest = list(Message.objects.filter(thread_id=member.thread_id).order_by("-created_at", "-id")[:limit])
    return latest[::-1]
