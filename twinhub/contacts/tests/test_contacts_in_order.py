"""A teacher's contacts are listed in the alphabetical order of the reader's language, and
countries are named, not coded."""

import re

import pytest

from twinhub.testing import client_for
from twinhub.testing.projects import make_contacts, make_project, teacher

pytestmark = pytest.mark.django_db


def test_contacts_in_turkish_alphabetical_order():
    me = teacher("TR")
    names = {"Zeynep Zorlu": "TR", "Ahmet Ünal": "TR", "Can Uysal": "DE", "Ayşe Çelik": "TR", "Ali Cem": "IT"}
    people = {name: teacher(country, name=name) for name, country in names.items()}
    for person in people.values():
        make_contacts(me, person)
    html = client_for(me, language="tr").get("/contacts/").content.decode()
    shown = [name for name in re.findall(r'<li id="contact-\d+">.*?<a [^>]*>([^<]+)</a>', html, re.S) if name in people]
    assert shown == ["Ali Cem", "Ayşe Çelik", "Can Uysal", "Ahmet Ünal", "Zeynep Zorlu"]


def test_the_invite_list_names_each_contacts_country():
    project = make_project(founder=teacher("TR"), cofounder=teacher("IT"))
    make_contacts(project.founder, teacher("DE", name="Jonas Berg"))
    html = client_for(project.founder, language="tr").get(f"/projects/{project.pk}/invite/").content.decode()
    row = html[html.index("Jonas Berg"):]
    assert ">Almanya</td>" in row[:300] and ">DE</td>" not in html
