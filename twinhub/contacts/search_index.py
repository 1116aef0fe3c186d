"""The partner-search index: one `TeacherSearchEntry` per eTwinner, rebuilt from the profile,
the name and the approved schools whenever one of them changes (see `signals.py`).

Bulk loaders that bypass model signals (the legacy import, the benchmark) call
`search_index_rebuild()` afterwards; `twinhub search_reindex` does the same from the shell.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from contextlib import nullcontext

from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from twinhub.accounts.models import Profile
from twinhub.contacts.models import TeacherSearchEntry
from twinhub.schools.models import Membership, MembershipStatus

_TURKISH_FOLD = str.maketrans({"İ": "i", "I": "i", "ı": "i"})


def search_fold(text: str) -> str:
    """Lower case without accents, Turkish dotted and dotless i as plain i: "Ayşe Yıldız" and
    "ayse yildiz" find each other. The document and the query are folded the same way."""
    folded = unicodedata.normalize("NFKD", (text or "").translate(_TURKISH_FOLD).lower())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def search_words(text: str) -> list[str]:
    return re.findall(r"\w+", search_fold(text))


def _entries_for(profiles: list[Profile], schools: dict[int, list[str]]) -> list[TeacherSearchEntry]:
    entries = []
    for profile in profiles:
        user = profile.user
        names = schools.get(user.pk)
        if not names or not user.is_active:  # not an eTwinner: not findable
            continue
        display = user.get_full_name() or user.email.split("@")[0]
        school_text = "; ".join(names)
        entries.append(TeacherSearchEntry(
            user_id=user.pk, display_name=display[:300],
            sort_name=search_fold(f"{user.last_name} {user.first_name}".strip() or display)[:300],
            school_names=school_text, country=profile.country, subjects=list(profile.subjects or []),
            languages=list(profile.languages or []), age_ranges=list(profile.age_ranges or []),
            available=profile.available_for_projects, joined_at=profile.joined_at,
            document=" ".join(search_words(f"{display} {school_text} {profile.bio}")),
        ))
    return entries


def search_entries_refresh(user_ids: Iterable[int]) -> int:
    """Recompute the entries of these users (a few queries, whatever their number)."""
    ids = sorted(set(user_ids))
    if not ids:
        return 0
    schools: dict[int, list[str]] = defaultdict(list)
    for user_id, name in (Membership.objects.filter(user_id__in=ids, status=MembershipStatus.APPROVED)
                          .order_by("requested_at", "id").values_list("user_id", "school__public_name")):
        if name not in schools[user_id]:
            schools[user_id].append(name)
    profiles = list(Profile.objects.filter(user_id__in=ids).select_related("user"))
    entries = _entries_for(profiles, schools)
    with transaction.atomic():
        TeacherSearchEntry.objects.filter(user_id__in=ids).delete()
        TeacherSearchEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def search_index_rebuild(*, batch: int = 50_000, progress=None) -> int:
    """Rebuild every entry, in batches of profiles by user id (memory stays flat). Idempotent:
    safe to call again at any time (the legacy importer calls it after its accounts phase);
    unchanged entries are not rewritten. Returns the number of eTwinners indexed."""
    if connection.vendor == "postgresql":
        return _rebuild_postgresql(batch=batch, progress=progress)
    total, last = 0, 0
    while True:
        ids = list(Profile.objects.filter(user_id__gt=last).order_by("user_id")
                   .values_list("user_id", flat=True)[:batch])
        if not ids:
            break
        total += search_entries_refresh(ids)
        last = ids[-1]
        if progress:
            progress(total, last)
    # Entries of users whose profile is gone (NOT EXISTS: an anti-join, not a NOT IN scan per row).
    TeacherSearchEntry.objects.exclude(Exists(Profile.objects.filter(user_id=OuterRef("user_id")))).delete()
    return total


# --- PostgreSQL: set-based rebuild -----------------------------------------------------------
# Per batch of profiles (a user id range): one SELECT reads the eTwinners of the range with their
# approved schools aggregated; Python folds the names and words exactly like `search_fold` (SQL's
# lower()/unaccent differ on letters such as "ł"); COPY puts the computed text columns in a temp
# table; one UPDATE … FROM rewrites the entries that changed, one INSERT … SELECT adds the new ones
# and one DELETE removes the entries of the range that are no longer eTwinners.

_READ_SQL = """
SELECT p.user_id, u.first_name, u.last_name, u.email, p.bio, sch.names
FROM accounts_profile p
JOIN accounts_user u ON u.id = p.user_id AND u.is_active AND u.id > %s AND u.id <= %s
JOIN LATERAL (
    SELECT array_agg(s.public_name ORDER BY m.requested_at, m.id) AS names
    FROM schools_membership m JOIN schools_school s ON s.id = m.school_id
    WHERE m.user_id = p.user_id AND m.status = %s
) sch ON sch.names IS NOT NULL
WHERE p.user_id > %s AND p.user_id <= %s
"""

_JSON_LIST = "CASE WHEN jsonb_typeof(p.{0}) = 'array' THEN p.{0} ELSE '[]'::jsonb END"

_NEW_ROWS = f"""
SELECT t.user_id, t.display_name, t.sort_name, t.school_names, p.country, {_JSON_LIST.format("subjects")} AS subjects,
    {_JSON_LIST.format("languages")} AS languages, {_JSON_LIST.format("age_ranges")} AS age_ranges,
    p.available_for_projects AS available, p.joined_at, t.document
FROM search_rebuild_batch t JOIN accounts_profile p ON p.user_id = t.user_id
"""
_COLUMNS = ("display_name", "sort_name", "school_names", "country", "subjects", "languages", "age_ranges",
            "available", "joined_at", "document")

# Only the rows that changed are written (the generated tsvector is computed for them alone).
_UPDATE_SQL = f"""
UPDATE contacts_teachersearchentry e SET {", ".join(f"{c} = n.{c}" for c in _COLUMNS)}
FROM ({_NEW_ROWS}) n
WHERE e.user_id = n.user_id AND e.user_id > %(low)s AND e.user_id <= %(high)s
  AND ({", ".join(f"e.{c}" for c in _COLUMNS)}) IS DISTINCT FROM ({", ".join(f"n.{c}" for c in _COLUMNS)})
"""

_INSERT_SQL = f"""
INSERT INTO contacts_teachersearchentry (user_id, {", ".join(_COLUMNS)})
SELECT n.user_id, {", ".join(f"n.{c}" for c in _COLUMNS)} FROM ({_NEW_ROWS}) n
WHERE NOT EXISTS (SELECT 1 FROM contacts_teachersearchentry e WHERE e.user_id = n.user_id
                  AND e.user_id > %(low)s AND e.user_id <= %(high)s)
ON CONFLICT (user_id) DO NOTHING
"""

_DELETE_GONE_SQL = """
DELETE FROM contacts_teachersearchentry e WHERE e.user_id > %(low)s AND e.user_id <= %(high)s
AND NOT EXISTS (SELECT 1 FROM search_rebuild_batch t WHERE t.user_id = e.user_id)
"""


def _rebuild_postgresql(*, batch: int, progress) -> int:
    # First build (empty table, e.g. right after a bulk import): one transaction that drops the
    # secondary indexes and creates them again at the end, much faster than maintaining the GIN
    # index row by row; a failure rolls everything back, indexes included.
    initial = not TeacherSearchEntry.objects.exists()
    with transaction.atomic() if initial else nullcontext(), connection.cursor() as cursor:
        indexes = []
        if initial:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                           "AND tablename = 'contacts_teachersearchentry' AND indexname NOT IN "
                           "(SELECT conname FROM pg_constraint WHERE conrelid = 'contacts_teachersearchentry'::regclass)")
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        total = _rebuild_batches(cursor, batch=batch, progress=progress)
        if indexes:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the deferred foreign keys now: no DDL before
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("ANALYZE contacts_teachersearchentry")
    return total


def _rebuild_batches(cursor, *, batch: int, progress) -> int:
    words_of: dict[str, str] = {}  # school lists and bios repeat a lot: fold each text once

    def words(text: str) -> str:
        found = words_of.get(text)
        if found is None:
            if len(words_of) > 200_000:
                words_of.clear()
            found = words_of[text] = " ".join(search_words(text))
        return found

    total, last = 0, 0
    cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS search_rebuild_batch (user_id bigint PRIMARY KEY, "
                   "display_name text, sort_name text, school_names text, document text)")
    while True:
        cursor.execute("SELECT max(user_id) FROM (SELECT user_id FROM accounts_profile WHERE user_id > %s "
                       "ORDER BY user_id LIMIT %s) b", [last, batch])
        high = cursor.fetchone()[0]
        if high is None:
            break
        with transaction.atomic():
            cursor.execute("SET LOCAL jit = off")  # compiling these plans costs more than running them
            cursor.execute(_READ_SQL, [last, high, MembershipStatus.APPROVED, last, high])
            rows = []
            for user_id, first, last_name, email, bio, names in cursor.fetchall():
                display = f"{first} {last_name}".strip() or email.split("@")[0]
                school_text = "; ".join(dict.fromkeys(names))
                doc = " ".join(w for w in (" ".join(search_words(display)), words(school_text),
                                           words(bio or "")) if w)
                rows.append((user_id, display[:300],
                             search_fold(f"{last_name} {first}".strip() or display)[:300], school_text, doc))
            cursor.execute("TRUNCATE search_rebuild_batch")
            with cursor.cursor.copy("COPY search_rebuild_batch FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute("ANALYZE search_rebuild_batch")  # a temp table has no statistics otherwise
            for sql in (_UPDATE_SQL, _INSERT_SQL, _DELETE_GONE_SQL):
                cursor.execute(sql, {"low": last, "high": high})
        total += len(rows)
        last = high
        if progress:
            progress(total, last)
    cursor.execute("DELETE FROM contacts_teachersearchentry WHERE user_id > %s", [last])
    cursor.execute("DROP TABLE IF EXISTS search_rebuild_batch")
    return total
