"""A new school's values are checked by `rules.school_values_refusal`, which `school_create`
calls whoever creates the school (the join page, "Add a school", the API)."""

import pytest

from twinhub.core.errors import ApplicationError
from twinhub.schools.models import School
from twinhub.schools.services import school_create
from twinhub.testing import make_teacher

pytestmark = pytest.mark.django_db

GOOD = {"legal_name": "Ankara Fen Lisesi", "country": "TR", "region": "TR-06", "city": "Ankara",
        "school_type": "upper_secondary", "principal_name": "Ali Kaya", "principal_email": "ali.kaya@meb.example"}


@pytest.mark.parametrize("change, code", [
    ({"country": "XX"}, "invalid_country"),
    ({"school_type": "castle"}, "invalid_school_type"),
    ({"region": ""}, "region_required"),
    ({"region": "TR-99"}, "invalid_region"),
    ({"city": "  "}, "invalid_school"),
    ({"legal_name": "x" * 256}, "invalid_school"),
    ({"principal_email": "ali.kaya meb.example"}, "invalid_email"),
])
def test_bad_values_are_refused_and_nothing_is_created(change, code):
    teacher = make_teacher()
    count = School.objects.count()
    with pytest.raises(ApplicationError) as refused:
        school_create(user=teacher, **{**GOOD, **change})
    assert refused.value.code == code and refused.value.refusal.who_must_act
    assert School.objects.count() == count


def test_good_values_create_the_school():
    assert school_create(user=make_teacher(), **GOOD).public_name == "Ankara Fen Lisesi"
