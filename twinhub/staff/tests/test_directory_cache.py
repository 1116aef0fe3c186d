"""The coordinators directory is read from the cache, and shows a change right after it is written:
a role granted, a name changed, a role revoked."""

import pytest
from django.test import Client

from twinhub.accounts.models import User
from twinhub.staff.services import staff_role_grant, staff_role_revoke
from twinhub.testing import make_teacher, queries

pytestmark = pytest.mark.django_db


def _ankara_row(client) -> str:
    html = client.get("/coordinators/").content.decode()
    return html.split('id="TR-06"', 1)[1].split("</tr>", 1)[0]


def test_the_directory_is_cached_and_fresh_after_each_write(people):
    client = Client()
    nss = people.nss_tr
    with queries() as first:
        assert "Yeni Koordinatör" not in _ankara_row(client)
    with queries() as second:
        client.get("/coordinators/")
    assert any("staff_staffrole" in q for q in first) and not any("staff_staffrole" in q for q in second)

    newcomer = make_teacher(email="yeni@koord.example")
    User.objects.filter(pk=newcomer.pk).update(first_name="Yeni", last_name="Koordinatör")
    role = staff_role_grant(manager=nss, email="yeni@koord.example", kind="coordinator", country="TR",
                            region="TR-06", public_email="ankara@koord.example")
    assert "Yeni Koordinatör" in _ankara_row(client)  # granted: shown at once

    newcomer.refresh_from_db()
    newcomer.last_name = "Koordinatörova"
    newcomer.save()
    assert "Yeni Koordinatörova" in _ankara_row(client)  # renamed: shown at once

    staff_role_revoke(manager=nss, role_id=role.pk)
    assert "Yeni Koordinatör" not in _ankara_row(client)  # revoked: gone at once
