"""Named people per role and pending memberships in three places, built through the real services."""

import pytest
from django.test import Client

from twinhub.core.models import AuditEntry, Notification
from twinhub.schools.models import Membership
from twinhub.staff.models import StaffRole
from twinhub.testing import make_staff, make_teacher

ROLES = ["teacher", "coord_tr06", "coord_tr34", "nss_tr", "nss_it", "css", "admin", "anonymous"]
PLACES = ["TR-06", "TR-34", "IT"]

# Which places each role may decide: the expected answer of rule 1's permission matrix.
IN_SCOPE = {
    "teacher": set(),
    "coord_tr06": {"TR-06"},
    "coord_tr34": {"TR-34"},
    "nss_tr": {"TR-06", "TR-34"},
    "nss_it": {"IT"},
    "css": {"TR-06", "TR-34", "IT"},
    "admin": {"TR-06", "TR-34", "IT"},
    "anonymous": set(),
}


@pytest.fixture
def people(db):
    return {
        "teacher": make_teacher(country="TR", region="TR-06", approved=True),
        "coord_tr06": make_staff("coordinator", country="TR", region="TR-06"),
        "coord_tr34": make_staff("coordinator", country="TR", region="TR-34"),
        "nss_tr": make_staff("nss", country="TR"),
        "nss_it": make_staff("nss", country="IT"),
        "css": make_staff("css"),
        "admin": make_staff("admin"),
        "anonymous": None,
    }


def pending_membership(place: str, **kw) -> Membership:
    country, region = ("IT", "") if place == "IT" else ("TR", place)
    teacher = make_teacher(country=country, region=region, approved=False, **kw)
    return Membership.objects.select_related("school", "user").get(user=teacher)


@pytest.fixture
def pending(db):
    return {place: pending_membership(place) for place in PLACES}


def web_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def db_state() -> tuple:
    """Everything a decision could change: memberships, audit rows, notifications, roles."""
    return (
        list(Membership.objects.order_by("pk").values_list(
            "pk", "status", "decided_at", "decided_by", "reason", "principal_answer")),
        AuditEntry.objects.count(),
        Notification.objects.count(),
        list(StaffRole.objects.order_by("pk").values_list("pk", "user", "kind", "country", "region")),
    )
