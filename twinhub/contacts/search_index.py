"""The partner-search index: one `TeacherSearchEntry` per eTwinner, rebuilt from the profile,
the name and the approved schools whenever one of them changes (see `signals.py`).

Bulk loaders that bypass model signals (the legacy import, the benchmark) call
`search_index_rebuild()` afterwards; `twinhub search_reindex` does the same from the shell.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
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


def search_index_rebuild(*, batch: int = 5000, progress=None) -> int:
    """Rebuild every entry, in batches of profiles by user id (memory stays flat)."""
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
