"""Possible duplicate schools (decision 0026): the rule that tells one school from two, and the
page where the National Support Service merges or dismisses a doubtful pair."""

import pytest

from twinhub.core.models import AuditEntry
from twinhub.schools import services
from twinhub.schools.codes import SchoolAudit
from twinhub.schools.models import DuplicateStatus, Membership, PossibleDuplicate, School
from twinhub.schools.rules import Evidence, SchoolFacts, same_school_among, same_school_evidence
from twinhub.testing import assert_same_queries, client_for, db_state, make_teacher, page_queries

pytestmark = pytest.mark.django_db

VH = SchoolFacts(country="FR", region="Grand Est", city="Strasbourg", school_type="lower_secondary",
                 name="Collège Victor Hugo", postcode="67000")


@pytest.mark.parametrize("other, evidence", [
    (VH, Evidence.SAME),
    (SchoolFacts(**{**VH.__dict__, "name": "COLLÈGE  VICTOR HUGO (Strasbourg) "}), Evidence.SAME),
    (SchoolFacts(**{**VH.__dict__, "postcode": "67100"}), Evidence.DISTINCT),
    (SchoolFacts(**{**VH.__dict__, "postcode": ""}), Evidence.DISTINCT),       # typed identically: a namesake
    (SchoolFacts(**{**VH.__dict__, "postcode": "", "name": "COLLEGE VICTOR HUGO"}), Evidence.LIKELY),
    (SchoolFacts(**{**VH.__dict__, "postcode": "", "name": "collège victor  hugo (strasbourg)"}), Evidence.LIKELY),
    (SchoolFacts(**{**VH.__dict__, "postcode": "", "name": "Collège Victor Hugo "}), Evidence.LIKELY),
    (SchoolFacts(**{**VH.__dict__, "postcode": "", "name": 'Collège "Victor Hugo"'}), Evidence.DOUBTFUL),
    (SchoolFacts(**{**VH.__dict__, "school_type": "primary"}), Evidence.DISTINCT),
    (SchoolFacts(**{**VH.__dict__, "city": "Lyon"}), Evidence.DISTINCT),
    (SchoolFacts(**{**VH.__dict__, "number": "0670001A"}), Evidence.DISTINCT),
    (SchoolFacts(**{**VH.__dict__, "country": "BE"}), Evidence.DISTINCT),
])
def test_one_school_or_two(other, evidence):
    assert same_school_evidence(VH, other) == evidence
    assert same_school_evidence(other, VH) == evidence


def test_the_same_official_number_is_one_school_whatever_the_name():
    a = SchoolFacts(country="TR", region="TR-06", city="Çankaya", school_type="primary", name="Atatürk İlkokulu",
                    number="712345")
    b = SchoolFacts(country="TR", region="TR-06", city="Ankara", school_type="primary", name="ATATURK ILKOKULU",
                    number="712 345")
    assert same_school_evidence(a, b) == Evidence.SAME
    assert same_school_evidence(a, SchoolFacts(**{**b.__dict__, "number": "712346"})) == Evidence.DISTINCT


def test_a_re_typed_name_without_a_postcode_is_the_school_only_where_it_has_no_namesake():
    again = SchoolFacts(**{**VH.__dict__, "postcode": "", "name": "COLLÈGE VICTOR HUGO"})
    other = SchoolFacts(**{**VH.__dict__, "postcode": "67100"})
    lyon = SchoolFacts(**{**VH.__dict__, "city": "Lyon"})
    assert same_school_among(again, [lyon, VH]) == (1, [])
    assert same_school_among(again, [VH, other]) == (None, [0, 1])       # either of two: listed, not guessed
    assert same_school_among(VH, [other, again, VH]) == (2, [])          # the same postcode wins
    assert same_school_among(SchoolFacts(**{**VH.__dict__, "postcode": ""}), [VH]) == (None, [])
    assert same_school_among(SchoolFacts(**{**VH.__dict__, "number": "0670001A"}), [VH]) == (None, [])


def test_a_city_appended_to_a_name_that_ends_with_it_is_the_same_name():
    porto = SchoolFacts(country="PT", region="Norte", city="Porto", school_type="primary", name="EB1 de Porto nº 5")
    again = SchoolFacts(**{**porto.__dict__, "name": "EB1 de Porto nº 5 (Porto)"})
    assert same_school_evidence(porto, again) == Evidence.LIKELY


def _pair(country="IT", region="", name="Liceo Enrico Fermi") -> PossibleDuplicate:
    """Two registrations of one name: the second made although the first was shown as a match."""
    first, second = make_teacher(country=country, region=region), make_teacher(country=country, region=region)
    fields = dict(legal_name=name, country=country, region=region, city="Milano",
                  school_type="upper_secondary", principal_name="Preside", principal_email="preside@liceo.example")
    school = services.school_create(user=first, **fields)
    services.membership_request(user=first, school=school)
    duplicate = services.school_create(user=second, allow_duplicate=True, **fields)
    services.membership_request(user=second, school=duplicate)
    return PossibleDuplicate.objects.get(school=school, duplicate=duplicate)


def test_registering_despite_the_near_duplicate_warning_lists_the_pair():
    pair = _pair()
    assert (pair.country, pair.status, pair.reason) == ("IT", DuplicateStatus.OPEN, "registered_despite_warning")


def test_the_nss_merges_teachers_move_and_the_decision_is_audited(people):
    pair = _pair()
    school, duplicate = pair.school, pair.duplicate
    client = client_for(people.nss_it)
    page = client.get("/schools/duplicates/").content.decode()
    assert f'id="pair-{pair.pk}"' in page and "Liceo Enrico Fermi" in page

    response = client.post(f"/schools/duplicates/{pair.pk}/merge/")

    assert response.status_code == 302
    assert not School.objects.filter(pk=duplicate.pk).exists()
    assert Membership.objects.filter(school=school).count() == 2
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by) == (DuplicateStatus.MERGED, people.nss_it)
    assert AuditEntry.objects.filter(action=SchoolAudit.DUPLICATE_MERGED, actor=people.nss_it).exists()
    assert f'id="pair-{pair.pk}"' not in client.get("/schools/duplicates/").content.decode()


def test_the_nss_dismisses_and_both_schools_stay(people):
    pair = _pair()
    response = client_for(people.nss_it).post(f"/schools/duplicates/{pair.pk}/dismiss/")
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.DISMISSED
    assert School.objects.filter(pk__in=[pair.school_id, pair.duplicate_id]).count() == 2
    assert AuditEntry.objects.filter(action=SchoolAudit.DUPLICATE_DISMISSED).exists()


@pytest.mark.parametrize("who, status", [
    ("nss_tr", 403), ("coordinator", 403), ("teacher", 404), ("teacher_it", 404), ("no_profile", 404),
])
@pytest.mark.parametrize("action", ["merge", "dismiss"])
def test_only_the_nss_of_the_country_decides_and_a_refusal_changes_nothing(people, who, status, action):
    pair = _pair()
    client = client_for(getattr(people, who))
    before = db_state()

    response = client.post(f"/schools/duplicates/{pair.pk}/{action}/")

    assert response.status_code in (302, status)
    assert db_state() == before
    if status == 403:
        assert "Only the National Support Service" in client.get("/schools/duplicates/").content.decode()


@pytest.mark.parametrize("who, sees", [("nss_it", True), ("css", True), ("admin", True), ("nss_tr", False)])
def test_who_sees_the_pair(people, who, sees):
    pair = _pair()
    page = client_for(getattr(people, who)).get("/schools/duplicates/")
    assert page.status_code == 200
    assert (f'id="pair-{pair.pk}"' in page.content.decode()) == sees


@pytest.mark.parametrize("who", ["teacher", "coordinator", "no_profile"])
def test_the_page_is_refused_to_who_cannot_decide(people, who):
    page = client_for(getattr(people, who)).get("/schools/duplicates/")
    assert page.status_code == 403
    assert "Only the National Support Service" in page.content.decode()


def test_a_decided_pair_cannot_be_decided_again(people):
    pair = _pair()
    client = client_for(people.nss_it)
    client.post(f"/schools/duplicates/{pair.pk}/dismiss/")
    before = db_state()
    response = client.post(f"/schools/duplicates/{pair.pk}/merge/", follow=True)
    assert "already been merged or dismissed" in response.content.decode()
    assert db_state() == before


def test_the_staff_menu_leads_to_the_page_and_it_does_not_grow_with_the_pairs(people):
    client = client_for(people.nss_it)
    assert 'id="nav-possible-duplicates"' in client.get("/validation/").content.decode()
    assert 'id="nav-possible-duplicates"' not in client_for(people.coordinator).get("/validation/").content.decode()
    _pair()
    few = page_queries(client, "/schools/duplicates/")
    for n in range(3):
        _pair(name=f"Liceo Galileo {n}")
    assert_same_queries(few, page_queries(client, "/schools/duplicates/"))
