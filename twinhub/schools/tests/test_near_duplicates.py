"""Creating a school that probably exists is caught and the existing one offered, on the web
form and in the API; a school of the same name in another province is a different school."""

import pytest

from twinhub.accounts.models import User
from twinhub.schools.models import Membership, School
from twinhub.schools.services import school_create
from twinhub.testing import ApiClient, assert_refused, client_for, db_state, make_teacher

pytestmark = pytest.mark.django_db


def _fields(**overrides) -> dict:
    return {"legal_name": "Işıklı İlkokulu", "public_name": "", "country": "TR", "region": "TR-06",
            "city": "Çankaya", "school_type": "primary", "school_number": "", "principal_name": "Ali Veli",
            "principal_email": "mudur@isikli.example", **overrides}


@pytest.fixture
def existing():
    creator = User.objects.create_user(email="creator@x.example", password=None)
    return school_create(user=creator, **_fields(school_number="712345"))


@pytest.mark.parametrize("overrides", [
    {"legal_name": "Another name entirely", "school_number": "712-345"},   # same official number
    {"legal_name": "IŞIKLI İLKOKULU"},                                      # upper case, Turkish İ/I
    {"legal_name": "isikli ilkokulu"},                                      # dotless ı and ş folded
    {"legal_name": "Işıklı  İlkokulu."},                                    # spacing and punctuation
    {"legal_name": "Resmi Ad", "public_name": "ışıklı ilkokulu"},            # public name matches
    {"legal_name": "Işıklı İlkokulu (Çankaya)"},                            # the city appended, as the import reads it
])
def test_api_refuses_a_near_duplicate_with_the_existing_ids(existing, overrides):
    teacher = make_teacher()
    before, schools = db_state(), School.objects.count()
    response = ApiClient(teacher).post("/schools", _fields(**overrides))
    body = assert_refused(response, "school_exists", 409)
    assert body["school_ids"] == [existing.pk]
    assert body["schools"][0]["public_name"] == "Işıklı İlkokulu"
    assert School.objects.count() == schools and db_state() == before


def test_a_school_stored_with_its_city_appended_is_found_by_its_bare_name():
    creator = User.objects.create_user(email="creator@x.example", password=None)
    stored = school_create(user=creator, **_fields(legal_name="Işıklı İlkokulu Çankaya"))
    response = ApiClient(make_teacher()).post("/schools", _fields())
    assert assert_refused(response, "school_exists", 409)["school_ids"] == [stored.pk]


def test_same_name_in_another_province_is_a_different_school(existing):
    response = ApiClient(make_teacher()).post("/schools", _fields(region="TR-34", city="Kadıköy"))
    assert response.status_code == 201, response.content
    assert response.json()["region"] == "TR-34"
    assert School.objects.filter(name_key=existing.name_key).count() == 2


def test_same_number_in_another_country_is_a_different_school(existing):
    response = ApiClient(make_teacher()).post("/schools", _fields(
        country="IT", region="", legal_name="Scuola Roma", school_number="712345"))
    assert response.status_code == 201, response.content


def test_api_validates_country_province_and_type():
    client = ApiClient(make_teacher())
    assert_refused(client.post("/schools", _fields(region="")), "region_required", 400)
    assert_refused(client.post("/schools", _fields(region="TR-99")), "invalid_region", 400)
    assert_refused(client.post("/schools", _fields(school_type="castle")), "invalid_school_type", 400)


def _web_form(**overrides) -> dict:
    data = {"school_choice": "new"}
    data.update({f"new-{k}": v for k, v in _fields(**overrides).items()})
    return data


def test_web_form_offers_the_existing_school_instead(existing):
    teacher = make_teacher()
    client = client_for(teacher)
    before, schools = db_state(), School.objects.count()
    response = client.post("/schools/add/", _web_form(legal_name="IŞIKLI ilkokulu"))
    assert response.status_code == 409
    page = response.content.decode()
    assert f'name="school_id" value="{existing.pk}"' in page   # offered to pick
    assert School.objects.count() == schools and db_state() == before

    # Picking the offered school makes a pending membership.
    response = client.post("/schools/add/", {"school_choice": "existing", "school_id": existing.pk})
    assert response.status_code == 302
    assert Membership.objects.get(user=teacher, school=existing).status == "pending"


def test_web_form_creates_a_new_school_in_another_province(existing):
    teacher = make_teacher()
    response = client_for(teacher).post("/schools/add/", _web_form(region="TR-34", city="Kadıköy"))
    assert response.status_code == 302
    membership = Membership.objects.select_related("school").get(user=teacher, school__region="TR-34")
    assert membership.status == "pending" and membership.school.pk != existing.pk


def test_asking_twice_for_the_same_school_is_refused(existing):
    teacher = make_teacher()
    client = ApiClient(teacher)
    assert client.post("/memberships", {"school_id": existing.pk}).status_code == 201
    before = db_state()
    assert_refused(client.post("/memberships", {"school_id": existing.pk}), "membership_exists", 409)
    assert db_state() == before
    assert_refused(client.post("/memberships", {"school_id": 999999}), "not_found", 404)
