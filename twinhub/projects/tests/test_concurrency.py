"""Concurrent acceptances cannot make two member rows: the invitation's (or project's) row is
locked, so the losers wait for the lock and are refused by the rule; the unique constraint is
the last guard and must never be what decides (race() fails on an IntegrityError)."""

import pytest

from twinhub.projects import services
from twinhub.projects.models import Invitation, Project, ProjectMember
from twinhub.testing import REFUSED, ROW_LOCKS_NEED_POSTGRESQL, WON, needs_postgresql, race
from twinhub.testing.projects import make_contacts, make_project, teacher

pytestmark = [needs_postgresql(why=ROW_LOCKS_NEED_POSTGRESQL), pytest.mark.django_db(transaction=True)]


def _one_won_three_refused(outcomes) -> None:
    assert sorted(kind for kind, _value in outcomes) == [REFUSED, REFUSED, REFUSED, WON], outcomes
    assert {value for kind, value in outcomes if kind == REFUSED} == {"already_decided"}, outcomes


def test_concurrent_invitation_accepts_make_one_member():
    project = make_project(founder=teacher("TR"), cofounder=teacher("DE"))
    guest = teacher("FR")
    make_contacts(project.founder, guest)
    invitation = services.project_invite(actor=project.founder, project_id=project.pk, user_id=guest.pk)
    _one_won_three_refused(race([lambda: services.invitation_accept(user=guest, invitation_id=invitation.pk)] * 4))
    assert ProjectMember.objects.filter(project=project, user=guest).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).status == "accepted"


def test_concurrent_cofounder_accepts_make_one_member():
    founder, cofounder = teacher("TR"), teacher("DE")
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title="Race")
    _one_won_three_refused(race([lambda: services.project_cofounder_accept(user=cofounder,
                                                                           project_id=project.pk)] * 4))
    assert ProjectMember.objects.filter(project=project, user=cofounder).count() == 1
    assert Project.objects.get(pk=project.pk).scope == "european"
