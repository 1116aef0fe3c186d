"""Defect 2 of issue 13: each role has its own home; Dashboard, Profile and the logo never send
staff to "Join eTwinning"."""

import pytest
from django.test import Client

from twinhub.accounts.models import Profile
from twinhub.core.models import Notification
from twinhub.core.notifications import latest_notifications
from twinhub.projects.models import Invitation
from twinhub.projects.services import invitation_decline, project_invite
from twinhub.schools.models import Membership
from twinhub.testing import PASSWORD, client_for
from twinhub.testing.projects import make_contacts, make_project

pytestmark = pytest.mark.django_db

STAFF = ("coordinator", "nss_tr", "css", "admin")


@pytest.mark.parametrize("role", STAFF)
def test_staff_land_on_their_home_not_on_join(people, role):
    client = client_for(people[role])
    assert client.get("/")["Location"] == "/dashboard/"  # the logo
    home = client.get("/dashboard/")
    assert home.status_code == 200
    body = home.content.decode()
    assert 'id="home-tools"' in body and 'href="/join/"' not in body and "Germany" not in body
    profile = client.get("/profile/")
    assert profile.status_code == 200 and 'href="/join/"' not in profile.content.decode()


def test_coordinator_home_shows_the_queue_with_waiting_times(people):
    pending = people.pending_teacher
    body = client_for(people.coordinator).get("/dashboard/").content.decode()
    membership = Membership.objects.get(user=pending)
    assert 'id="home-queue"' in body and pending.display_name in body and membership.school.public_name in body
    assert '<span class="stat">1</span>' in body and "0 days" in body
    assert 'href="/validation/"' in body
    # the Istanbul coordinator decides nothing in Ankara
    other = client_for(people.coordinator_tr34).get("/dashboard/").content.decode()
    assert pending.display_name not in other and "Nobody is waiting for your decision." in other


def test_nss_home_shows_waiting_times_by_region(people):
    people.make("pending_teacher")
    body = client_for(people.nss_tr).get("/dashboard/").content.decode()
    assert 'id="home-waiting"' in body and "Ankara (TR-06)" in body and 'href="/nss/dashboard/"' in body


def test_teacher_home_shows_projects_and_contacts_news(people):
    ayse, marco, piotr = people.teacher, people.teacher_it, people.teacher_pl
    make_project(founder=marco, cofounder=piotr, title="Rivers")
    make_contacts(ayse, marco)
    project = make_project(founder=ayse, cofounder=people.teacher_it, title="Bridges")
    body = client_for(ayse).get("/dashboard/").content.decode()
    assert 'id="home-projects"' in body and f'href="/projects/{project.pk}/"' in body
    assert f'href="/twinspace/{project.pk}/"' in body
    assert "Marco Rossi joined “Rivers”" in body
    assert "Piotr Nowak joined" not in body  # not a contact
    assert 'id="home-queue"' not in body


def test_teacher_home_counts_pending_invitations_and_shows_the_newest_notifications(people):
    ayse, marco, piotr = people.teacher, people.teacher_it, people.teacher_pl
    Profile.objects.filter(user=ayse).update(available_for_projects=True)
    make_contacts(ayse, marco)
    make_contacts(ayse, piotr)
    for founder, cofounder, title in ((marco, piotr, "Rivers"), (piotr, marco, "Mountains")):
        project = make_project(founder=founder, cofounder=cofounder, title=title)
        project_invite(actor=founder, project_id=project.pk, user_id=ayse.pk)
    body = client_for(ayse).get("/dashboard/").content.decode()
    assert "2 invitations" in body
    invitation_decline(user=ayse, invitation_id=Invitation.objects.filter(invitee=ayse).first().pk)
    body = client_for(ayse).get("/dashboard/").content.decode()
    assert "1 invitation<" in body
    newest = Notification.objects.filter(user=ayse).order_by("-created_at", "-id")[:5]
    assert len(newest) >= 2 and latest_notifications(ayse) == list(newest)


def test_without_profile_or_role_one_is_sent_to_join_and_profile_offers_it(people):
    client = client_for(people.no_profile)
    assert client.get("/dashboard/")["Location"] == "/join/"
    profile = client.get("/profile/").content.decode()
    assert 'id="join-hint"' in profile


def test_staff_can_change_their_name_and_language_on_profile(people):
    css = people.css
    response = client_for(css).post("/profile/", {"first_name": "Clara", "last_name": "Central", "language": "tr"})
    assert response.status_code == 302
    css.refresh_from_db()
    assert (css.first_name, css.language) == ("Clara", "tr")


@pytest.mark.parametrize("role", [*STAFF, "teacher", "no_profile"])
def test_logging_in_lands_on_the_role_s_home(people, role):
    response = Client().post("/accounts/login/", {"login": people[role].email, "password": PASSWORD})
    assert response["Location"] == ("/join/" if role == "no_profile" else "/dashboard/")
