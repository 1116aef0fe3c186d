"""The page frame's cached facts (decision 40): a warm page asks nothing about the person's profile
or roles, and the menu follows a change of profile, role or account at once."""

import re

import pytest

from twinhub.accounts.models import Profile
from twinhub.staff.models import StaffRole
from twinhub.testing import client_for, make_staff, page_queries

pytestmark = pytest.mark.django_db


def _menu_ids(client) -> list[str]:
    body = client.get("/projects/").content.decode()
    nav = body.split('id="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'id="nav-([a-z-]+)"', nav)


def test_a_warm_page_reads_no_profile_or_role_for_its_menu(people):
    queries = page_queries(client_for(people.coordinator), "/projects/")
    assert not [q for q in queries if '"staff_staffrole"' in q or '"accounts_profile"' in q], queries.report()


def test_the_menu_follows_a_new_role_and_its_removal(people):
    teacher = people.teacher
    client = client_for(teacher)
    assert "validation-queue" not in _menu_ids(client)
    role = StaffRole.objects.create(user=teacher, kind="coordinator", country="TR", region="TR-06")
    assert "validation-queue" in _menu_ids(client)
    role.delete()
    assert "validation-queue" not in _menu_ids(client)


def test_the_menu_follows_joining_and_superuser(people):
    nora = people.no_profile
    client = client_for(nora)
    assert "join" in _menu_ids(client) and "partners" not in _menu_ids(client)
    Profile.objects.create(user=nora, country="TR")
    menu = _menu_ids(client)
    assert "join" not in menu and "partners" in menu
    nora.is_superuser = True
    nora.save()
    assert "operations" in _menu_ids(client)


def test_the_menu_marks_the_current_entry_on_each_page(people):
    client = client_for(people.teacher)
    for path, key in (("/projects/", "directory"), ("/projects/mine/", "projects")):
        body = client.get(path).content.decode()
        assert re.search(rf'id="nav-{key}" aria-current="page"', body), path
        assert body.count('aria-current="page"') >= 1


def test_staff_made_later_see_their_tools_at_once(people):
    make_staff("nss", country="TR")  # another staff member's facts do not leak into the teacher's
    assert "nss-dashboard" not in _menu_ids(client_for(people.teacher))
