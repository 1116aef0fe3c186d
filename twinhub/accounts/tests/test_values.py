"""The account's and profile's values are checked by one rule (`rules.profile_values_refusal`)
that the services call, whatever the caller (page, API, command)."""

import pytest

from twinhub.accounts import services
from twinhub.accounts.models import Profile
from twinhub.accounts.provisioning import verified_user
from twinhub.core.errors import ApplicationError
from twinhub.testing import ApiClient, assert_refused, make_teacher

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("changes, code", [
    ({"first_name": "   "}, "invalid_name"),
    ({"last_name": "x" * 151}, "invalid_name"),
    ({"language": "xx"}, "invalid"),
    ({"role": "wizard"}, "invalid"),
    ({"bio": "x" * 1001}, "invalid"),
    ({"subjects": ["alchemy"]}, "invalid"),
])
def test_profile_update_refuses_unknown_values_and_changes_nothing(changes, code):
    teacher = make_teacher()
    before = (teacher.first_name, teacher.last_name, teacher.language, Profile.objects.get(user=teacher).role)
    with pytest.raises(ApplicationError) as refused:
        services.profile_update(user=teacher, **changes)
    assert refused.value.code == code and refused.value.refusal.status == 422
    teacher.refresh_from_db()
    assert (teacher.first_name, teacher.last_name, teacher.language, teacher.profile.role) == before


def test_api_blank_name_is_refused_not_saved_empty():
    teacher = make_teacher(name="Ayşe Yıldız")
    assert_refused(ApiClient(teacher).patch("/me", {"first_name": "   "}), "invalid_name", 422)
    teacher.refresh_from_db()
    assert teacher.first_name == "Ayşe"


def test_joining_with_an_unknown_country_or_role_is_refused():
    newcomer = verified_user(email="new@school.example", password="pw-test-123")
    for profile, code in (({"country": "XX", "role": "teacher"}, "invalid"),
                          ({"country": "TR", "role": "wizard"}, "invalid"),
                          ({"role": "teacher"}, "invalid")):
        with pytest.raises(ApplicationError) as refused:
            services.profile_create(user=newcomer, first_name="Nur", last_name="Er", **profile)
        assert refused.value.code == code
    assert not Profile.objects.filter(user=newcomer).exists()


def test_a_token_name_too_long_is_refused():
    teacher = make_teacher()
    with pytest.raises(ApplicationError) as refused:
        services.api_token_create(user=teacher, name="x" * 81, scopes=["read", "write"])
    assert refused.value.code == "invalid" and not teacher.api_tokens.exists()
