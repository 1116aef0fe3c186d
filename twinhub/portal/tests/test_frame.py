"""The page frame: the grouped menu each role sees, the header's search and notifications dropdown."""

import re

import pytest

from twinhub.core.models import Notification
from twinhub.core.navigation import SECTIONS, NavEntry, NavFacts, nav_register, nav_sections
from twinhub.core.templatetags.ui import icon, initials
from twinhub.testing import client_for, db_state

pytestmark = pytest.mark.django_db


def _menu(user) -> dict[str, list[str]]:
    """{section label: [entry ids]} of the main menu on the project directory, as `user` sees it."""
    body = client_for(user).get("/projects/").content.decode()
    nav = body.split('id="site-nav"', 1)[1].split("</nav>", 1)[0]
    found = {}
    for section in re.findall(r"<section.*?</section>", nav, re.S):
        label = re.search(r"<h2>(.*?)</h2>", section).group(1)
        found[label] = re.findall(r'id="nav-([a-z-]+)"', section)
    return found


def test_menu_is_grouped_by_what_each_role_does(people):
    assert _menu(None) == {"Networking": ["directory", "events", "gallery", "kits", "coordinators"], "Help": ["articles"]}
    teacher = _menu(people.teacher)
    assert teacher["My work"] == ["home", "projects", "contacts", "mailbox"]
    assert teacher["Networking"] == ["partners", "groups", "partner-posts", "directory", "events", "gallery", "kits",
                                     "moderation", "coordinators"]
    assert teacher["Quality Labels"] == ["quality-labels"] and "Staff tools" not in teacher
    assert _menu(people.no_profile)["My work"] == ["home", "join"]
    coordinator = _menu(people.coordinator)
    assert coordinator["My work"] == ["home"]  # never "Join eTwinning" for staff
    assert coordinator["Staff tools"] == ["validation-queue", "nss-dashboard"]
    assert "validation-queue" in _menu(people.nss_tr)["Staff tools"]
    assert "nss-dashboard" in _menu(people.nss_tr)["Staff tools"]
    assert "group-proposals" in _menu(people.nss_tr)["Staff tools"]


def test_menu_is_translated(people):
    body = client_for(people.teacher, language="tr").get("/projects/").content.decode()
    assert "Çalışmalarım" in body and "Ağ kurma" in body and "Projelerim" in body


def test_an_app_adds_an_entry_without_touching_the_frame():
    nav_register(NavEntry(section="networking", key="test-groups", url_name="coordinators", label="Groups",
                          icon="users-round", order=50, visible=lambda facts: facts.joined))
    try:
        joined = dict((key, links) for key, _label, links in nav_sections(NavFacts(authenticated=True, joined=True)))
        keys = [link.key for link in joined["networking"] if link.key in ("partners", "directory", "test-groups",
                                                                           "coordinators")]
        assert keys == ["partners", "directory", "test-groups", "coordinators"]
        anonymous = dict((key, links) for key, _label, links in nav_sections(NavFacts()))
        assert "test-groups" not in [link.key for link in anonymous["networking"]]
        with pytest.raises(ValueError):
            nav_register(NavEntry(section="nowhere", key="x", url_name="home", label="x", icon="x",
                                  visible=lambda facts: True))
    finally:
        from twinhub.core import navigation
        navigation._entries.pop("test-groups")
    assert set(SECTIONS) == {"work", "networking", "labels", "help", "staff"}


def test_header_search_goes_where_the_person_may_search(people):
    assert client_for(None).get("/search/", {"q": "water"})["Location"] == "/projects/?q=water"
    assert client_for(people.teacher).get("/search/", {"q": "ayşe"})["Location"] == "/teachers/?q=ay%C5%9Fe"
    assert client_for(people.teacher).get("/search/", {"q": "x", "in": "help"})["Location"] == "/help/?q=x"
    # teachers' search is for eTwinners: others are sent to the projects
    assert client_for(people.no_profile).get("/search/", {"q": "x", "in": "teachers"})["Location"] == "/projects/?q=x"


def test_notifications_dropdown_shows_the_latest_and_marks_them_read(people):
    ayse = people.teacher
    for i in range(8):
        Notification.objects.create(user=ayse, kind="test.unknown", params={"n": i}, url="/projects/")
    client = client_for(ayse)
    assert '<span class="count" id="nav-unread-count"' in client.get("/projects/").content.decode()
    menu = client.get("/menu/notifications/", HTTP_HX_REQUEST="true").content.decode()
    assert menu.count('class="unread"') == 6 and "Mark all as read" in menu
    answered = client.post("/menu/notifications/read/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-swap-oob="delete"' in answered and 'class="unread"' not in answered
    assert not Notification.objects.filter(user=ayse, read_at__isnull=True).exists()
    assert 'id="nav-unread-count"' not in client.get("/projects/").content.decode()


def test_notifications_dropdown_is_only_ones_own(people):
    Notification.objects.create(user=people.teacher, kind="test.unknown", params={}, url="")
    before = db_state()
    assert client_for(None).post("/menu/notifications/read/").status_code == 302  # to the login page
    assert db_state() == before
    assert client_for(people.teacher_it).post("/menu/notifications/read/").status_code == 302
    assert Notification.objects.filter(user=people.teacher, read_at__isnull=True).count() == 1
    assert client_for(people.teacher).get("/menu/notifications/read/").status_code == 405


def test_icons_and_initials():
    assert 'aria-hidden="true"' in icon("bell") and "sprite.svg#bell" in icon("bell")
    assert 'role="img" aria-label="Unread"' in icon("bell", label="Unread")
    assert initials("Ayşe Yıldız") == "AY" and initials("çağrı") == "Ç" and initials("") == "?"


def test_country_badge_shows_the_flag_and_the_name_in_the_reader_s_language():
    from django.utils import translation

    from twinhub.geography.templatetags.geography import country_badge

    assert country_badge("de") == ('<span class="tag tag-country" data-country="DE"><span aria-hidden="true">'
                                   "\U0001F1E9\U0001F1EA</span> Germany</span>")
    with translation.override("tr"):
        assert "Almanya" in country_badge("DE")
    assert country_badge("") == "" and country_badge("<b>") == ""
