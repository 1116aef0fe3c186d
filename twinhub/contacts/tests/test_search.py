"""Partner search: eTwinners only, every filter, paging and sorting, constant query counts."""

import pytest
from django.db import connection

from twinhub.accounts.services import profile_update
from twinhub.contacts.models import TeacherSearchEntry
from twinhub.contacts.search_index import search_index_rebuild
from twinhub.contacts.selectors import teachers_search
from twinhub.contacts.services import contact_request_send
from twinhub.schools.models import Membership
from twinhub.schools.services import membership_approve
from twinhub.testing import (
    ApiClient,
    Queries,
    assert_same_queries,
    client_for,
    make_staff,
    make_teacher,
    needs_postgresql,
    page_queries,
)

pytestmark = pytest.mark.django_db


def _ids(page):
    return [e.user_id for e in page.items]


@pytest.fixture
def teachers(db):
    a = make_teacher(country="TR", region="TR-34", name="Ayşe Yıldız", available=True)
    profile_update(user=a, subjects=["mathematics", "science"], languages=["tr", "en"], age_ranges=["11-14"],
                   bio="Robotik ve kodlama kulübü")
    b = make_teacher(country="IT", name="Marco Bianchi")
    profile_update(user=b, subjects=["history"], languages=["it", "en"], age_ranges=["15-18"],
                   bio="Storia e cittadinanza europea")
    c = make_teacher(country="IT", name="Anna Verdi", available=True)
    profile_update(user=c, subjects=["mathematics"], languages=["it"], age_ranges=["7-10", "11-14"])
    pending = make_teacher(country="TR", region="TR-06", approved=False, name="Ayşe Pending")
    return {"a": a, "b": b, "c": c, "pending": pending}


def test_only_etwinners_are_found(teachers):
    found = teachers_search()
    assert set(_ids(found)) == {teachers["a"].pk, teachers["b"].pk, teachers["c"].pk}
    assert teachers_search(q="Pending").items == []


def test_approval_makes_a_teacher_findable_and_edits_are_reindexed(teachers):
    coordinator = make_staff("coordinator", country="TR", region="TR-06")
    membership_approve(actor=coordinator, membership_id=Membership.objects.get(user=teachers["pending"]).pk)
    assert _ids(teachers_search(q="pending")) == [teachers["pending"].pk]
    profile_update(user=teachers["b"], first_name="Marco", last_name="Neri", bio="astronomia")
    assert _ids(teachers_search(q="neri astronomia")) == [teachers["b"].pk]
    assert teachers_search(q="bianchi").items == []


@pytest.mark.parametrize("filters, expected", [
    ({"q": "ayse"}, ["a"]),                    # folded: ş and ı match s and i
    ({"q": "AYŞE yıldız"}, ["a"]),
    ({"q": "robotik"}, ["a"]),                 # bio
    ({"q": "ankara"}, []),
    ({"q": "istanbul school"}, ["a"]),         # school name (provisioned schools are "<province> School …")
    ({"country": "IT"}, ["c", "b"]),
    ({"subject": "mathematics"}, ["a", "c"]),
    ({"language": "en"}, ["b", "a"]),
    ({"age_range": "11-14"}, ["a", "c"]),
    ({"available": True}, ["c", "a"]),
    ({"country": "IT", "subject": "mathematics", "available": True}, ["c"]),
    ({"language": "it", "age_range": "15-18"}, ["b"]),
])
def test_filters(teachers, filters, expected):
    found = teachers_search(**filters)
    assert set(_ids(found)) == {teachers[k].pk for k in expected}


def test_sorting_and_paging(teachers):
    by_name = _ids(teachers_search(sort="name"))
    assert by_name == [teachers["b"].pk, teachers["c"].pk, teachers["a"].pk]  # Bianchi, Verdi, Yıldız
    assert _ids(teachers_search(sort="recent")) == [teachers["c"].pk, teachers["b"].pk, teachers["a"].pk]
    first = teachers_search(sort="name", page_size=2)
    second = teachers_search(sort="name", page_size=2, page=2)
    assert first.has_next and not second.has_next and second.has_previous
    assert _ids(first) + _ids(second) == by_name
    assert _ids(teachers_search(q="marco", sort="relevance")) == [teachers["b"].pk]


def test_rebuild_matches_incremental_index(teachers):
    before = sorted(TeacherSearchEntry.objects.values_list("user_id", "document", "school_names"))
    TeacherSearchEntry.objects.all().delete()
    assert search_index_rebuild(batch=2) == 3
    assert sorted(TeacherSearchEntry.objects.values_list("user_id", "document", "school_names")) == before


def test_api_search(teachers):
    response = ApiClient(teachers["a"]).get("/teachers", {"subject": "mathematics", "country": "IT"})
    assert response.status_code == 200
    body = response.json()
    assert [t["id"] for t in body["items"]] == [teachers["c"].pk] and body["has_next"] is False
    assert body["items"][0]["subjects"] == ["mathematics"]
    assert ApiClient(None).get("/teachers").status_code == 401
    assert ApiClient(teachers["a"]).get("/teachers", {"sort": "nonsense"}).status_code == 422


def _search_queries(user, params) -> Queries:
    return page_queries(client_for(user), "/teachers/", params)


def test_search_page_queries_do_not_grow(teachers):
    viewer = teachers["a"]
    few = _search_queries(viewer, {"country": "IT"})
    for n in range(25):
        t = make_teacher(country="IT", name=f"Extra Teacher{n}")
        if n % 3 == 0:
            contact_request_send(sender=viewer, to_user_id=t.pk)
    assert_same_queries(few, _search_queries(viewer, {"country": "IT"}))
    second_page = _search_queries(viewer, {"country": "IT", "page": "2"})
    assert len(second_page) <= len(few)
    assert "Extra Teacher" in second_page.response.content.decode()
    htmx = client_for(viewer).get("/teachers/", {"country": "IT"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in htmx and "teacher-result" in htmx


# --- Search at scale: the bounded strategies (PostgreSQL) give the same answers -----------------

@pytest.fixture
def crowd(teachers):
    """Nine more eTwinners called "Elif" in Italy (three available, all teaching history)."""
    extra = []
    for n in range(9):
        t = make_teacher(country="IT", name=f"Elif Surname{n}", available=n % 3 == 0)
        profile_update(user=t, subjects=["history"], languages=["it"], age_ranges=["15-18"])
        extra.append(t.pk)
    return extra


def _all_pages(**filters):
    ids, page = [], 1
    while True:
        found = teachers_search(page=page, page_size=2, **filters)
        ids += _ids(found)
        if not found.has_next:
            return ids
        page += 1


@pytest.mark.parametrize("filters", [
    {"q": "elif"}, {"q": "elif", "sort": "recent"}, {"q": "elif", "available": True},
    {"q": "elif", "country": "IT", "subject": "history"}, {"subject": "history", "sort": "recent"},
    {"language": "it", "age_range": "15-18"}, {"available": False, "country": "IT"},
])
def test_walk_and_candidates_agree(crowd, monkeypatch, filters):
    """With a one-row index walk every search goes through the candidate set; the pages must be
    the same as with the normal walk (exact when the candidates are not capped)."""
    from twinhub.contacts import selectors

    normal = _all_pages(**filters)
    monkeypatch.setattr(selectors, "WALK_ROWS", 1)
    monkeypatch.setattr(selectors, "WALK_PER_ROW", 0)
    assert _all_pages(**filters) == normal
    assert normal  # each case finds someone
    expected_order = list(TeacherSearchEntry.objects.filter(user_id__in=normal).order_by(
        *(("-joined_at", "user_id") if filters.get("sort") == "recent" else ("sort_name", "user_id")))
        .values_list("user_id", flat=True))
    assert normal == expected_order


BOUNDED_PATHS_NEED_POSTGRESQL = ("the bounded strategies (a capped candidate set, a bounded index walk) use "
                                 "PostgreSQL full-text search; on SQLite every page is exact")


def _few_candidates(monkeypatch) -> None:
    from twinhub.contacts import selectors

    monkeypatch.setattr(selectors, "WALK_ROWS", 1)
    monkeypatch.setattr(selectors, "WALK_PER_ROW", 0)
    monkeypatch.setattr(selectors, "CANDIDATES", 4)


@needs_postgresql(why=BOUNDED_PATHS_NEED_POSTGRESQL)
def test_capped_candidates_are_flagged_on_the_page_and_in_the_api(crowd, monkeypatch):
    _few_candidates(monkeypatch)
    found = teachers_search(q="elif")
    assert found.partial and found.candidates == 4 and len(found.items) == 4
    assert set(_ids(found)) <= set(crowd)
    html = client_for(make_teacher()).get("/teachers/", {"q": "elif"}).content.decode()
    assert 'id="search-partial"' in html and "first 4 matches" in html
    assert ApiClient(make_teacher()).get("/teachers", {"q": "elif"}).json()["partial"] is True
    assert not teachers_search(q="elif", country="IT", subject="history", available=True).partial


def test_sqlite_pages_are_always_exact(crowd, monkeypatch):
    """SQLite (the embedded default) has no bounded path: however small the caps, all nine are found."""
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL caps the candidates (the test above)")
    _few_candidates(monkeypatch)
    found = teachers_search(q="elif")
    assert not found.partial and len(found.items) == 9


def test_prefixes_from_four_letters(teachers):
    assert _ids(teachers_search(q="yild")) == [teachers["a"].pk]      # prefix of "Yıldız"
    assert _ids(teachers_search(q="bianc marco")) == [teachers["b"].pk]
    assert _ids(teachers_search(q="verdi", sort="relevance")) == [teachers["c"].pk]


def test_filters_with_quotes_and_odd_values_are_safe(teachers):
    assert teachers_search(subject="it's \\ 'x' & y | !z").items == []
    assert teachers_search(q="' & | ! :* marco", country="IT").items[0].user_id == teachers["b"].pk


def test_text_search_page_queries_do_not_grow(crowd, teachers):
    viewer = teachers["a"]
    params = {"q": "elif", "subject": "history", "sort": "recent"}
    few = _search_queries(viewer, params)
    for n in range(15):
        t = make_teacher(country="IT", name=f"Elif More{n}")
        profile_update(user=t, subjects=["history"])
    assert_same_queries(few, _search_queries(viewer, params))
    assert len(_search_queries(viewer, {**params, "page": "2"})) <= len(few)


def test_rebuild_is_idempotent_and_drops_who_left(teachers):
    before = sorted(TeacherSearchEntry.objects.values_list("user_id", "document", "sort_name", "subjects",
                                                           "available"))
    assert search_index_rebuild() == 3
    assert search_index_rebuild(batch=1) == 3
    assert sorted(TeacherSearchEntry.objects.values_list("user_id", "document", "sort_name", "subjects",
                                                         "available")) == before
    # A teacher whose account is closed, bypassing the signals (as a bulk import would).
    type(teachers["b"]).objects.filter(pk=teachers["b"].pk).update(is_active=False)
    assert search_index_rebuild() == 2
    assert not TeacherSearchEntry.objects.filter(user_id=teachers["b"].pk).exists()
    assert _ids(teachers_search(subject="mathematics")) == [teachers["c"].pk, teachers["a"].pk]


@needs_postgresql(why="the planner settings a search changes for its own query exist only on PostgreSQL")
def test_search_leaves_the_planner_settings_as_they_were(teachers):
    teachers_search(q="ayse", subject="mathematics")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
