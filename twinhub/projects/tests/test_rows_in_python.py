"""The rows built in Python (decision 41) say what their templates said: the members table with its
forms for administrators, and the scope badge of each row."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from twinhub.projects.models import Project
from twinhub.projects.templatetags.projects_ui import scope_badge
from twinhub.testing import client_for
from twinhub.testing.projects import make_project, teacher

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "tr"])
@pytest.mark.parametrize("scope", ["national", "european", ""])
def test_the_scope_badge_is_the_scope_template(scope, language):
    project = Project(scope=scope)
    with translation.override(language):
        assert scope_badge(project) == render_to_string("projects/_scope.html", {"project": project}).rstrip("\n")


def _members(body: str) -> list[str]:
    return re.findall(r"<tr data-country=.*?</tr>", body.split('id="members"', 1)[1].split("</table>", 1)[0], re.S)


def test_founders_get_the_forms_members_do_not():
    founder, cofounder, member = teacher("TR", name="Ayşe Kaya"), teacher("DE"), teacher("FR", name="<Léa> Martin")
    project = make_project(founder=founder, cofounder=cofounder, members=[member])
    rows = _members(client_for(founder).get(f"/projects/{project.pk}/").content.decode())
    assert len(rows) == 3
    mine = next(row for row in rows if "Ayşe" in row)
    assert "<form" not in mine  # nobody removes themselves or the founder here
    theirs = next(row for row in rows if "&lt;Léa&gt;" in row)
    assert theirs.count('name="csrfmiddlewaretoken"') == 2 and "Make administrator" in theirs
    assert f'action="/projects/{project.pk}/remove/"' in theirs and f'action="/projects/{project.pk}/role/"' in theirs
    assert 'data-country="FR"' in theirs and "France" in theirs
    for row in _members(client_for(member).get(f"/projects/{project.pk}/").content.decode()):
        assert "<form" not in row


def test_the_members_table_in_turkish():
    founder = teacher("TR")
    project = make_project(founder=founder, cofounder=teacher("IT"), members=[teacher("FR")])
    body = client_for(founder, language="tr").get(f"/projects/{project.pk}/").content.decode()
    rows = _members(body)
    assert any("Proje kurucusu" in row for row in rows) and any("Fransa" in row for row in rows)
