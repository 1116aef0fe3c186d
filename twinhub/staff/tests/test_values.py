"""Granting a role checks every value the roles form checks, in the service (`staff.rules`)."""

import pytest

from twinhub.core.errors import ApplicationError
from twinhub.staff.models import StaffRole
from twinhub.staff.services import staff_role_grant
from twinhub.testing import make_staff, make_teacher

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("change, code", [
    ({"kind": "wizard"}, "invalid"),
    ({"public_email": "not an address"}, "invalid_email"),
    ({"public_phone": "0" * 41}, "invalid"),
])
def test_bad_values_are_refused_and_no_role_is_granted(change, code):
    css, person = make_staff("css"), make_teacher()
    roles = StaffRole.objects.count()
    with pytest.raises(ApplicationError) as refused:
        staff_role_grant(manager=css, **{"email": person.email, "kind": "nss", "country": "IT", **change})
    assert refused.value.code == code
    assert StaffRole.objects.count() == roles
