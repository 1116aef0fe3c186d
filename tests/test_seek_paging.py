"""Keyset paging (twinhub/core/paging.py, decision 31): every row once, forwards and backwards,
ties on the first key broken by the second, totals counted only up to the cap, and an address
edited by hand shows the first page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.core.paging import seek_page
from twinhub.testing import queries

pytestmark = pytest.mark.django_db


def _users(n: int) -> list[int]:
    moment = timezone.now()
    # Three rows share each date_joined: the primary key must break the ties.
    User.objects.bulk_create([User(email=f"seek{i}@example.org", date_joined=moment - timedelta(minutes=i // 3))
                              for i in range(n)])
    return list(User.objects.order_by("-date_joined", "id").values_list("id", flat=True))


def _walk(order, size, **options):
    qs = User.objects.filter(email__startswith="seek")
    pages, cursor = [], ""
    while True:
        page = seek_page(qs, order, cursor, size=size, **options)
        pages.append(page)
        if not page.has_next:
            return pages
        cursor = page.next_cursor


def test_forward_and_backward_see_every_row_once_in_order():
    expected = _users(23)
    pages = _walk(["-date_joined", "id"], 5)
    assert [u.pk for p in pages for u in p] == expected
    assert [(p.start, p.end) for p in pages] == [(1, 5), (6, 10), (11, 15), (16, 20), (21, 23)]
    assert all(p.total == 23 for p in pages) and pages[2].number == 3 and pages[0].num_pages == 5
    assert not pages[0].has_previous and pages[-1].has_previous
    back, seen = pages[-1], []
    while back.has_previous:
        back = seek_page(User.objects.filter(email__startswith="seek"), ["-date_joined", "id"],
                         before=back.previous_cursor, size=5)
        seen = [u.pk for u in back] + seen
    assert seen == expected[:20] and back.start == 1


def test_total_is_counted_only_up_to_the_cap():
    _users(12)
    first = seek_page(User.objects.filter(email__startswith="seek"), ["-date_joined", "-id"], size=5, count_cap=8)
    assert first.total is None and first.more_than == 8
    given = seek_page(User.objects.filter(email__startswith="seek"), ["-date_joined", "-id"], size=5, total=12)
    assert given.total == 12 and given.num_pages == 3


def test_a_page_costs_the_same_queries_wherever_it_is():
    _users(30)
    pages = []
    for cursor in ("", _walk(["-date_joined", "id"], 5)[3].next_cursor):
        with queries() as caught:
            pages.append(seek_page(User.objects.filter(email__startswith="seek"), ["-date_joined", "id"], cursor,
                                   size=5))
        assert len(caught) == 2  # the rows (n + 1) and the bounded count
    assert pages[1].start == 21 and "OFFSET" not in caught[0].upper()


@pytest.mark.parametrize("cursor", ["garbage", "eyJ4Ijox", "WyJhIiwgMSwgWyJub3QgYSBkYXRlIiwgMV1d", "W10"])
def test_an_edited_cursor_shows_the_first_page(cursor):
    expected = _users(7)
    page = seek_page(User.objects.filter(email__startswith="seek"), ["-date_joined", "id"], cursor, size=5)
    assert [u.pk for u in page] == expected[:5] and page.start == 1
