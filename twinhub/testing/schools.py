"""Pending school memberships in the three places the validation tests use."""

from django.db.models import F, Q

from twinhub.schools.models import Membership
from twinhub.testing.people import make_teacher

# Two provinces of Türkiye (each with its coordinator) and a country whose NSS validates.
PLACES = ["TR-06", "TR-34", "IT"]


def pending_membership(place: str, **teacher_fields) -> Membership:
    """A new teacher's membership waiting for a validator of `place` (a province code or "IT")."""
    country, region = ("IT", "") if place == "IT" else ("TR", place)
    teacher = make_teacher(country=country, region=region, approved=False, **teacher_fields)
    return Membership.objects.select_related("school", "user").get(user=teacher)


def misplaced_memberships():
    """Memberships whose copy of their school's place (decision 55) is not the school's place."""
    return Membership.objects.filter(~Q(school_country=F("school__country")) | ~Q(school_region=F("school__region")))
