""""Join eTwinning": the onboarding form, its school picker and its refusals."""

import pytest

from twinhub.accounts.models import Profile
from twinhub.accounts.provisioning import verified_user
from twinhub.schools.models import Membership, MembershipStatus, School
from twinhub.schools.provisioning import school_for
from twinhub.testing import make_teacher

pytestmark = pytest.mark.django_db

NEW_SCHOOL = {"new-legal_name": "Atatürk İlkokulu", "new-public_name": "", "new-country": "TR",
              "new-region": "TR-34", "new-city": "İstanbul", "new-school_type": "primary",
              "new-school_number": "", "new-principal_name": "Müdür Bey", "new-principal_email": "mudur@ilkokul.example"}


def _newcomer(client, email="yeni@okul.example"):
    user = verified_user(email=email, password="pw-test-123")
    client.force_login(user)
    return user


def _join_data(**extra):
    return {"first_name": "Elif", "last_name": "Kaya", "role": "teacher", "country": "TR",
            "subjects": ["mathematics"], "languages": ["tr", "en"], "age_ranges": ["7-10"],
            "bio": "Matematik öğretmeni", **extra}


def test_anonymous_visitor_is_sent_to_log_in(client):
    assert client.get("/join/")["Location"].startswith("/accounts/login/")


def test_join_page_explains_the_availability_switch_next_to_it(client):
    _newcomer(client)
    html = client.get("/join/").content.decode()
    assert 'role="switch"' in html and 'aria-describedby="available-help"' in html
    assert 'id="available-help"' in html and "nobody can invite you" in html


def test_join_with_an_existing_school_creates_profile_and_pending_membership(client):
    user = _newcomer(client)
    school = school_for(country="TR", region="TR-06", school_number="777")

    response = client.post("/join/", _join_data(school_choice="existing", school_id=school.pk,
                                                available_for_projects="on"))

    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    profile = Profile.objects.get(user=user)
    assert (profile.country, profile.subjects, profile.available_for_projects) == ("TR", ["mathematics"], True)
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Elif", "Kaya")
    membership = Membership.objects.get(user=user)
    assert membership.school == school and membership.status == MembershipStatus.PENDING


def test_availability_is_off_by_default(client):
    user = _newcomer(client)
    school = school_for(country="TR", region="TR-06", school_number="778")
    client.post("/join/", _join_data(school_choice="existing", school_id=school.pk))
    assert Profile.objects.get(user=user).available_for_projects is False


def test_join_creating_a_new_school(client):
    user = _newcomer(client)
    response = client.post("/join/", _join_data(school_choice="new", **NEW_SCHOOL))
    assert response.status_code == 302
    membership = Membership.objects.select_related("school").get(user=user)
    assert membership.school.public_name == "Atatürk İlkokulu" and membership.school.region == "TR-34"


def test_near_duplicate_school_is_shown_and_offered_and_nothing_is_saved(client):
    existing = school_for(country="TR", region="TR-34", name="Atatürk İlkokulu")
    user = _newcomer(client)
    schools = School.objects.count()

    response = client.post("/join/", _join_data(school_choice="new", **NEW_SCHOOL))

    assert response.status_code == 409
    html = response.content.decode()
    assert f'name="school_id" value="{existing.pk}"' in html  # offered to pick
    assert School.objects.count() == schools
    assert not Profile.objects.filter(user=user).exists() and not Membership.objects.filter(user=user).exists()

    picked = client.post("/join/", _join_data(school_choice="existing", school_id=existing.pk))
    assert picked.status_code == 302 and Membership.objects.get(user=user).school == existing


def test_validation_errors_are_in_the_user_language_and_save_nothing(client):
    user = _newcomer(client)
    response = client.post("/join/", {"school_choice": "existing", "country": "TR"}, HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bu alan zorunludur." in html
    assert not Profile.objects.filter(user=user).exists()


def test_join_without_a_school_is_refused(client):
    user = _newcomer(client)
    response = client.post("/join/", _join_data(school_choice="existing"))
    assert response.status_code == 400
    assert "Choose your school" in response.content.decode()
    assert not Profile.objects.filter(user=user).exists()


def test_already_joined_member_is_sent_to_the_dashboard(client):
    teacher = make_teacher()
    client.force_login(teacher)
    assert client.get("/join/")["Location"] == "/dashboard/"
    before = Membership.objects.count()
    client.post("/join/", _join_data(school_choice="new", **NEW_SCHOOL))
    assert Membership.objects.count() == before


def test_school_search_finds_schools_for_the_picker(client):
    _newcomer(client)
    school_for(country="TR", region="TR-06", school_number="9001", name="Çankaya Anadolu Lisesi")
    html = client.get("/schools/search/", {"school_q": "cankaya", "country": "TR"},
                      HTTP_HX_REQUEST="true").content.decode()
    assert "Çankaya Anadolu Lisesi" in html and 'name="school_id"' in html
