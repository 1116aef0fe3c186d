"""Reads about contacts, requests, the mailbox and partner search. Other apps (projects:
co-founders, invitations) use `are_contacts`, `contact_ids_of` and `contacts_of`."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q, QuerySet, Sum, TextField
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
from twinhub.core.collation import sorted_by_locale
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


def contacts_by_name(user) -> list:
    """The user's contacts in the alphabetical order of the reader's language (Çelik after Cem)."""
    return sorted_by_locale(contacts_of(user), key=lambda person: f"{person.last_name} {person.first_name}")


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
    # Set when a very broad search was answered from a bounded set of candidates (the first
    # `candidates` matches the index gave, then sorted or ranked): the page says so.
    partial: bool = False
    candidates: int = 0

    @property
    def has_previous(self) -> bool:
        return self.number > 1


# PostgreSQL partner search at European scale (1.2M teachers). Two bounded strategies in one
# statement: (1) walk the btree index of the sort order ((country,) name | newest) for at most
# WALK_ROWS rows and keep the matching ones — exact whenever the matches are dense enough to fill
# the page there; (2) otherwise the GIN index on `search` (text words + filter facets, intersected
# inside the index) gives the matches, at most CANDIDATES of them, which are then sorted. (2) is
# exact unless it hits CANDIDATES; then the page says it shows part of the matches.
WALK_ROWS = 3000
WALK_PER_ROW = 20  # deeper pages walk further: at least this many rows per row needed
CANDIDATES = 1500
PREFIX_MIN = 4  # shorter words match whole words only ("ali"); longer ones also as prefixes ("ayse" → "ayşegül")


def _tsquery_facet(kind: str, value: str) -> str:
    return "'" + f"{kind}:{value}".replace("\\", "\\\\").replace("'", "''") + "'"


def _pg_tsquery(words: list[str], *, country: str, subject: str, language: str, age_range: str,
                available: bool | None) -> tuple[str, list]:
    """SQL for the tsquery of the words and the filters (the facet lexemes of migration 0003)."""
    facets = [_tsquery_facet(kind, value) for kind, value in
              (("c", country), ("s", subject), ("l", language), ("a", age_range)) if value]
    if available is not None:
        facets.append("'v:1'" if available else "'v:0'")
    parts, params = [], []
    if words:  # \w+ only, so they cannot carry tsquery operators
        parts.append("to_tsquery('simple', %s)")
        params.append(" & ".join(f"{w}:*" if len(w) >= PREFIX_MIN else w for w in words))
    if facets:
        parts.append("%s::tsquery")
        params.append(" & ".join(facets))
    return "(" + " && ".join(parts) + ")", params


def _pg_search(words, *, country, subject, language, age_range, available, sort, start, page_size):
    """(user ids of the page in order, whether only a bounded candidate set was used). Three
    statements (planner setting, the search, setting back), whatever the numbers of rows."""
    tsq, tsq_params = _pg_tsquery(words, country=country, subject=subject, language=language,
                                  age_range=age_range, available=available)
    need = start + page_size + 1
    in_country = "country = %s" if country else "TRUE"
    country_params = [country] if country else []
    # The country is a facet of the tsquery too (the GIN index intersects it). The walk's own
    # filter is what a btree index of the sort order serves exactly: the country, else "available"
    # (a partial name index), so the walked rows are denser in matches and each one is a match
    # candidate (no rows skipped by a filter outside the index).
    walk_where, walk_params = in_country, list(country_params)
    if available is not None and not country:
        walk_where = "available = %s"
        walk_params = [available]
    if sort == "relevance" and words:
        sql = (f"WITH cand AS MATERIALIZED (SELECT user_id, sort_name, ts_rank(search, {tsq}) AS r "
               f"FROM contacts_teachersearchentry WHERE search @@ {tsq} LIMIT %s) "
               "SELECT user_id, (SELECT count(*) FROM cand) >= %s FROM cand "
               "ORDER BY r DESC, sort_name, user_id OFFSET %s LIMIT %s")
        params = [*tsq_params, *tsq_params, CANDIDATES, CANDIDATES, start, page_size + 1]
    else:
        key, direction = ("joined_at", "DESC") if sort == "recent" else ("sort_name", "")
        order = f"k {direction}, user_id"
        sql = (
            # (1) the walk: the inner LIMIT makes PostgreSQL follow the sort-order index.
            f"WITH walk AS MATERIALIZED (SELECT user_id, k FROM (SELECT user_id, {key} AS k, search "
            f"FROM contacts_teachersearchentry WHERE {walk_where} ORDER BY {key} {direction}, user_id "
            f"LIMIT %s) w WHERE search @@ {tsq} ORDER BY {order} LIMIT %s), "
            # (2) the index of words and facets: only read when the walk did not fill the page.
            f"cand AS MATERIALIZED (SELECT user_id, {key} AS k FROM contacts_teachersearchentry "
            f"WHERE search @@ {tsq} LIMIT %s) "
            "SELECT user_id, partial FROM ("
            f"SELECT user_id, FALSE AS partial, row_number() OVER (ORDER BY {order}) AS n FROM walk "
            "WHERE (SELECT count(*) FROM walk) >= %s "
            "UNION ALL SELECT user_id, partial, n FROM (SELECT user_id, "
            f"(SELECT count(*) FROM cand) >= %s AS partial, row_number() OVER (ORDER BY {order}) AS n "
            "FROM cand) c WHERE (SELECT count(*) FROM walk) < %s) u WHERE n > %s ORDER BY n LIMIT %s")
        params = [*walk_params, max(WALK_ROWS, need * WALK_PER_ROW), *tsq_params, need, *tsq_params,
                  CANDIDATES, need, CANDIDATES, need, start, page_size + 1]
    with transaction.atomic(), connection.cursor() as cursor:
        # The candidate query has a LIMIT and no ORDER BY: with a misestimated selectivity the
        # planner may prefer a sequential scan "until enough rows", over a million rows when they
        # are rare. The GIN index is always the right path there.
        # Transaction-local, and put back afterwards for the rest of a caller's transaction.
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        before = cursor.fetchone()[0]
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
    return [r[0] for r in rows], any(r[1] for r in rows)


def _list_filter(qs, field: str, value: str):
    """SQLite (no JSON containment): look for the quoted code in the JSON text."""
    if not value:
        return qs
    return qs.alias(**{f"{field}_text": Cast(field, TextField())}).filter(**{f"{field}_text__contains": f'"{value}"'})


def teachers_search(*, q: str = "", country: str = "", subject: str = "", language: str = "",
                    age_range: str = "", available: bool | None = None, sort: str = "name", page: int = 1,
                    page_size: int = PAGE_SIZE) -> SearchPage:
    """eTwinners matching the filters, one page (no total count: counting a million rows is
    the slow part of a search, and "next page" is all a pager needs). A constant number of
    queries, whatever the number of rows."""
    page = min(max(page, 1), MAX_PAGE)
    start = (page - 1) * page_size
    words = search_words(q)[:8]
    if connection.vendor == "postgresql" and (words or subject or language or age_range or available is not None):
        ids, partial = _pg_search(words, country=country, subject=subject, language=language,
                                  age_range=age_range, available=available, sort=sort, start=start,
                                  page_size=page_size)
        found = TeacherSearchEntry.objects.in_bulk(ids)
        rows = [found[i] for i in ids if i in found]
        return SearchPage(items=rows[:page_size], number=page, has_next=len(rows) > page_size,
                          partial=partial, candidates=CANDIDATES if partial else 0)
    # Country alone (an index walk on PostgreSQL), or SQLite: the plain path.
    qs = TeacherSearchEntry.objects.all()
    if country:
        qs = qs.filter(country=country)
    if connection.vendor != "postgresql":
        qs = _list_filter(qs, "subjects", subject)
        qs = _list_filter(qs, "languages", language)
        qs = _list_filter(qs, "age_ranges", age_range)
        if available is not None:
            qs = qs.filter(available=available)
        for word in words:  # the folded document, word by word
            qs = qs.filter(document__contains=word)
    qs = qs.order_by("-joined_at", "user_id") if sort == "recent" else qs.order_by("sort_name", "user_id")
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
