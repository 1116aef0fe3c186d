"""Role management: NSS staff manage coordinators and NSS staff of their own country, CSS staff
any country, teachers nothing (404). Every grant and revocation is audited; a refused one
changes nothing."""

import pytest

from twinhub.core.models import AuditEntry
from twinhub.staff.models import StaffRole
from twinhub.testing import STAFF, client_for, db_state, make_staff, make_teacher
from twinhub.testing.schools import pending_membership

pytestmark = [pytest.mark.django_db, pytest.mark.people("teacher", *STAFF)]  # every validator exists


def _grant(manager, **data):
    form = {"email": data.pop("email"), "kind": "coordinator", "country": "TR", "region": "", "listed": "on",
            **data}
    return client_for(manager).post("/staff/roles/", form)


@pytest.mark.parametrize("manager,country,region,kind", [
    ("nss_tr", "TR", "TR-34", "coordinator"),
    ("nss_tr", "TR", "", "nss"),
    ("css", "TR", "TR-01", "coordinator"),
    ("css", "IT", "", "nss"),
    ("admin", "IT", "", "nss"),
])
def test_granting_in_scope(people, manager, country, region, kind):
    person = make_teacher()
    response = _grant(people[manager], email=person.email, kind=kind, country=country, region=region,
                      public_phone="+90 312 000 00 00")
    assert response.status_code == 302, response.content
    role = StaffRole.objects.get(user=person, kind=kind)
    assert (role.country, role.region, role.public_phone) == (country, region, "+90 312 000 00 00")
    entry = AuditEntry.objects.get(action="staff_role.granted", object_id=str(role.pk))
    assert entry.actor == people[manager] and entry.data["kind"] == kind


@pytest.mark.parametrize("manager,country,region,kind,message", [
    ("nss_tr", "IT", "", "nss", "Select a valid choice"),          # IT is not even offered to NSS TR
    ("nss_it", "TR", "TR-06", "coordinator", "Select a valid choice"),
    ("nss_tr", "TR", "", "css", "Only site administrators"),
    ("nss_tr", "TR", "", "coordinator", "Choose the coordinator"),  # a coordinator needs a province
    ("css", "IT", "TR-06", "coordinator", "exist in Türkiye only"),
])
def test_granting_out_of_scope_is_refused_and_changes_nothing(people, manager, country, region, kind, message):
    person = make_teacher()
    before = db_state()
    response = _grant(people[manager], email=person.email, kind=kind, country=country, region=region)
    assert response.status_code in (400, 403) and message in response.content.decode()
    assert db_state() == before


def test_unknown_email_is_refused(people):
    before = db_state()
    response = _grant(people["nss_tr"], email="nobody@x.example", region="TR-06")
    assert "No account uses this email address" in response.content.decode()
    assert db_state() == before


@pytest.mark.parametrize("manager,target,allowed", [
    ("nss_tr", "coordinator_tr34", True),
    ("nss_tr", "nss_it", False),
    ("nss_it", "coordinator", False),
    ("css", "nss_it", True),
    ("coordinator", "coordinator_tr34", False),
    ("teacher", "coordinator", False),
    ("nss_tr", "css", False),
])
def test_revoking(people, manager, target, allowed):
    role = StaffRole.objects.get(user=people[target])
    before = db_state()
    response = client_for(people[manager]).post(f"/staff/roles/{role.pk}/revoke/")
    if allowed:
        assert response.status_code == 302
        assert not StaffRole.objects.filter(pk=role.pk).exists()
        entry = AuditEntry.objects.get(action="staff_role.revoked", object_id=str(role.pk))
        assert entry.actor == people[manager]
    else:
        assert response.status_code == 404
        assert db_state() == before


@pytest.mark.parametrize("role,status", [("teacher", 404), ("coordinator", 404), ("nss_tr", 200), ("css", 200),
                                         ("anonymous", 302)])
def test_roles_page_access(people, role, status):
    assert client_for(people[role]).get("/staff/roles/").status_code == status


def test_nss_sees_only_its_own_countrys_roles(people):
    page = client_for(people["nss_tr"]).get("/staff/roles/").content.decode()
    assert people["coordinator"].email in page and people["coordinator_tr34"].email in page
    assert people["nss_it"].email not in page


def test_a_granted_coordinator_validates_at_once(people):
    person = make_staff("css")  # any account
    _grant(people["nss_tr"], email=person.email, region="TR-34")
    membership = pending_membership("TR-34")
    person.__dict__.pop("_staff_roles_cache", None)
    page = client_for(person).get("/validation/").content.decode()
    assert f'id="membership-{membership.pk}"' in page
