"""A membership carries its school's country and region (decision 55): every writer keeps the copy
right, and the validation queue reads it."""

import pytest

from twinhub.schools import selectors, services
from twinhub.schools.models import Membership, PossibleDuplicate, School
from twinhub.testing import make_staff, make_teacher
from twinhub.testing.schools import misplaced_memberships, pending_membership

pytestmark = pytest.mark.django_db


def test_a_new_membership_copies_its_schools_place():
    membership = pending_membership("TR-06")
    assert (membership.school_country, membership.school_region) == ("TR", "TR-06")
    assert not misplaced_memberships().exists()


def test_a_school_that_moves_takes_its_memberships_along():
    membership = pending_membership("TR-06")
    school = membership.school
    school.region = "TR-34"
    school.save()
    membership.refresh_from_db()
    assert (membership.school_country, membership.school_region) == ("TR", "TR-34")

    school.country, school.region = "IT", ""
    school.save(update_fields=["country", "region"])
    assert not misplaced_memberships().exists()


def test_a_membership_moved_to_another_school_takes_that_schools_place():
    membership = pending_membership("TR-06")
    other = pending_membership("TR-34").school
    membership.school = other
    membership.save(update_fields=["school"])
    membership.refresh_from_db()
    assert (membership.school_country, membership.school_region) == ("TR", "TR-34")


def test_merging_two_schools_gives_the_moved_memberships_the_kept_schools_place():
    first, second = make_teacher(country="TR", region="TR-06"), make_teacher(country="TR", region="TR-06")
    fields = dict(legal_name="Atatürk Ortaokulu", country="TR", region="TR-06", city="Ankara",
                  school_type="lower_secondary", principal_name="Müdür", principal_email="mudur@okul.example")
    school = services.school_create(user=first, **fields)
    services.membership_request(user=first, school=school)
    duplicate = services.school_create(user=second, allow_duplicate=True, **fields)
    services.membership_request(user=second, school=duplicate)
    # The duplicate was registered in another province (written past save(), as an old row might be).
    School.objects.filter(pk=duplicate.pk).update(region="TR-34")
    Membership.objects.filter(school=duplicate).update(school_region="TR-34")
    pair = PossibleDuplicate.objects.get(school=school, duplicate=duplicate)
    nss = make_staff("nss", country="TR")

    services.school_duplicate_merge(actor=nss, pair_id=pair.pk)

    moved = Membership.objects.get(user=second, school__name_key=school.name_key)
    assert (moved.school_id, moved.school_country, moved.school_region) == (school.pk, "TR", "TR-06")
    assert not misplaced_memberships().exists()


def test_the_queue_of_a_province_follows_a_school_that_moved():
    membership = pending_membership("TR-06")
    ankara = make_staff("coordinator", country="TR", region="TR-06")
    istanbul = make_staff("coordinator", country="TR", region="TR-34")
    assert list(selectors.validation_queue(ankara)) == [membership]
    assert not selectors.validation_queue(istanbul).exists()

    membership.school.region = "TR-34"
    membership.school.save()

    assert not selectors.validation_queue(ankara).exists()
    assert list(selectors.validation_queue(istanbul)) == [membership]
