"""`validator_scope_q` (the database filter) and `role_covers_school` (the rule) must agree on
every combination of role and school, or the queue would show what a validator may not decide."""

import itertools

import pytest

from twinhub.accounts.models import User
from twinhub.schools.models import School
from twinhub.schools.rules import role_covers_school, school_name_key
from twinhub.schools.selectors import can_validate_school, validator_scope_q
from twinhub.staff.models import StaffRole

pytestmark = pytest.mark.django_db

KINDS = ["coordinator", "nss", "css", "admin", "teacher"]
ROLE_COUNTRIES = ["TR", "IT", ""]
ROLE_REGIONS = ["TR-06", "TR-34", "Lazio", ""]
SCHOOL_PLACES = [("TR", "TR-06"), ("TR", "TR-34"), ("TR", ""), ("IT", ""), ("IT", "Lazio"), ("PL", "TR-06")]


@pytest.fixture
def schools():
    return [School.objects.create(legal_name=f"S{i}", public_name=f"S{i}", country=c, region=r, city="X",
                                  school_type="primary", principal_name="P", principal_email="p@x.example",
                                  name_key=school_name_key(f"S{i}"))
            for i, (c, r) in enumerate(SCHOOL_PLACES)]


def _user_with(roles: list[tuple[str, str, str]]) -> User:
    # Unsaved roles in the per-user cache: this reaches combinations the table's constraint forbids.
    user = User.objects.create_user(email=f"u{len(roles)}-{id(roles)}@x.example", password=None)
    user._staff_roles_cache = [StaffRole(user=user, kind=k, country=c, region=r) for k, c, r in roles]
    return user


ALL_ROLES = list(itertools.product(KINDS, ROLE_COUNTRIES, ROLE_REGIONS))


@pytest.mark.parametrize("role", ALL_ROLES, ids=["/".join(r) or "-" for r in ALL_ROLES])
def test_filter_agrees_with_rule_for_every_single_role(role, schools):
    user = _user_with([role])
    by_filter = set(School.objects.filter(validator_scope_q(user, prefix="")).values_list("pk", flat=True))
    kind, country, region = role
    by_rule = {s.pk for s in schools if role_covers_school(kind=kind, role_country=country, role_region=region,
                                                           school_country=s.country, school_region=s.region)}
    assert by_filter == by_rule
    assert {s.pk for s in schools if can_validate_school(user, s)} == by_rule


@pytest.mark.parametrize("pair", [
    [("coordinator", "TR", "TR-06"), ("coordinator", "TR", "TR-34")],
    [("coordinator", "TR", "TR-06"), ("nss", "IT", "")],
    [("nss", "TR", ""), ("nss", "IT", "")],
    [("teacher", "TR", "TR-06"), ("css", "", "")],
])
def test_filter_agrees_with_rule_for_several_roles(pair, schools):
    user = _user_with(pair)
    by_filter = set(School.objects.filter(validator_scope_q(user, prefix="")).values_list("pk", flat=True))
    by_rule = {s.pk for s in schools if any(
        role_covers_school(kind=k, role_country=c, role_region=r, school_country=s.country, school_region=s.region)
        for k, c, r in pair)}
    assert by_filter == by_rule


def test_a_superuser_without_roles_is_a_site_administrator(schools):
    user = User.objects.create_superuser(email="root@x.example", password="x")
    assert School.objects.filter(validator_scope_q(user, prefix="")).count() == len(schools)
