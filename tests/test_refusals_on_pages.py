"""A page that refuses says who must act and what to do next, like the API: whether it shows
the refusal page, the same page again, or the page it redirects to (`core.pages`)."""

import re

import pytest
from django.test import Client

from twinhub.accounts.services import api_token_create
from twinhub.projects import services as project_services
from twinhub.testing import client_for, make_teacher
from twinhub.testing.projects import make_contacts, make_project

pytestmark = pytest.mark.django_db


def _browser(user) -> Client:
    client = client_for(user)
    return client


def _explained(html: str, code: str) -> dict:
    """The refusal box of this code on the page: its why, who and next lines."""
    match = re.search(rf'<div class="refusal" role="note" data-code="{code}">(.*?)</div>', html, re.S)
    assert match, f"no explained refusal {code!r} on the page"
    box = match.group(1)
    return {part: bool(re.search(rf'<p class="{part}">', box)) for part in ("why", "who", "next")}


def test_a_redirect_after_a_refusal_keeps_who_and_what_next():
    """Asking a teacher whose membership is pending: the card shows the full refusal after the redirect."""
    ayse, pending = make_teacher(country="TR"), make_teacher(country="TR", approved=False)
    response = _browser(ayse).post(f"/teachers/{pending.pk}/request/", follow=True)
    messages = re.search(r'<ul class="messages">(.*?)</ul>', response.content.decode(), re.S)
    assert messages, "nothing is said on the page after the redirect"
    assert _explained(messages.group(1), "membership_pending") == {"why": True, "who": True, "next": True}


def test_an_answer_refused_on_my_projects_page_says_who_must_act():
    founder, cofounder, guest = (make_teacher(country=c, available=True) for c in ("TR", "IT", "PL"))
    project = make_project(founder=founder, cofounder=cofounder)
    make_contacts(founder, guest)
    invitation = project_services.project_invite(actor=founder, project_id=project.pk, user_id=guest.pk)
    project_services.project_state_change(actor=founder, project_id=project.pk, action="close")

    response = _browser(guest).post(f"/invitations/{invitation.pk}/accept/", follow=True)
    assert _explained(response.content.decode(), "project_not_open") == {"why": True, "who": True, "next": True}


def test_the_page_shown_again_after_a_refusal_carries_it_whole():
    """A founder who leaves without naming a successor: the project page again, with status 409."""
    project = make_project(founder=make_teacher(country="TR"), cofounder=make_teacher(country="IT"))
    response = _browser(project.founder).post(f"/projects/{project.pk}/leave/")
    assert response.status_code == 409
    assert _explained(response.content.decode(), "handover_required") == {"why": True, "who": True, "next": True}


def test_the_refusal_page_of_a_handler_says_who_must_act():
    teacher = make_teacher()
    response = _browser(teacher).get("/validation/")
    assert response.status_code == 403
    assert _explained(response.content.decode(), "not_validator") == {"why": True, "who": True, "next": True}


def test_out_of_scope_is_not_found_not_explained():
    """Someone else's token does not exist for you: 404, whichever way the page handles refusals."""
    teacher, other = make_teacher(), make_teacher()
    token, _raw = api_token_create(user=other, name="theirs", scopes=["read", "write"])
    assert _browser(teacher).post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404


def test_a_twinspace_says_why_nothing_can_be_changed_in_the_rules_words():
    project = make_project(founder=make_teacher(country="TR"), cofounder=make_teacher(country="IT"))
    for action in ("close", "archive"):
        project_services.project_state_change(actor=project.founder, project_id=project.pk, action=action)
    html = _browser(project.cofounder).get(f"/twinspace/{project.pk}/").content.decode()
    assert _explained(html, "twinspace_archived") == {"why": True, "who": True, "next": True}
