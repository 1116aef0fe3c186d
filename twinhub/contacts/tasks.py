"""Contacts' background work: the partner-search index follows profile, membership and school
changes after they commit (decision 15)."""

from twinhub.contacts.search_index import search_entries_refresh
from twinhub.core.tasks import task


@task(database_only=True)
def search_entries_refresh_task(*, user_ids: list[int]) -> int:
    """Rebuild these teachers' search entries from the committed facts (idempotent)."""
    return search_entries_refresh(user_ids)
