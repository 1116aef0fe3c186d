"""Partner search: eTwinners only, every filter, paging and sorting, constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from twinhub.accounts.services import profile_update
from twinhub.contacts.models import TeacherSearchEntry
from twinhub.contacts.search_index import search_index_rebuild
from twinhub.contacts.selectors import teachers_search
from twinhub.contacts.tests.conftest import web_client
from twinhub.core.testing import ApiClient, make_staff, make_teacher
from twinhub.schools.models import Membership
from twinhub.schools.services import membership_approve

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


def _page_queries(user, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = web_client(user).get("/teachers/", params)
        assert response.status_code == 200
    return len(ctx.captured_queries)


def test_search_page_queries_do_not_grow(teachers, django_assert_max_num_queries):
    viewer = teachers["a"]
    few = _page_queries(viewer, {"country": "IT"})
    for n in range(25):
        t = make_teacher(country="IT", name=f"Extra Teacher{n}")
        from twinhub.contacts.services import contact_request_send

        if n % 3 == 0:
            contact_request_send(sender=viewer, to_user_id=t.pk)
    many = _page_queries(viewer, {"country": "IT"})
    assert many == few
    with django_assert_max_num_queries(few):
        response = web_client(viewer).get("/teachers/", {"country": "IT", "page": "2"})
    assert "Extra Teacher" in response.content.decode()
    htmx = web_client(viewer).get("/teachers/", {"country": "IT"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in htmx and "teacher-result" in htmx
