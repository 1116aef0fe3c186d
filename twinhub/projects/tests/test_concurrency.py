"""Concurrent acceptances cannot make two member rows (row locks + unique constraint).
On PostgreSQL the losers wait for the row lock and are refused by the rule; SQLite turns
concurrent writers away ("database table is locked") instead of queueing them, so there the
test holds the invariant only: never more than one member."""

import pytest
from django.db import connection

from twinhub.projects import services
from twinhub.projects.models import Invitation, Project, ProjectMember
from twinhub.testing import race
from twinhub.testing.projects import make_contacts

from .helpers import teacher

pytestmark = pytest.mark.django_db(transaction=True)


def _check_one_winner(outcomes) -> bool:
    won = [o for o in outcomes if o and o[0] == "won"]
    if connection.vendor == "postgresql":
        assert len(won) == 1, outcomes
        assert sorted(o for o in outcomes if o[0] != "won") == [("refused", "already_decided")] * 3, outcomes
    else:
        assert len(won) <= 1, outcomes
    return bool(won)


def test_concurrent_invitation_accepts_make_one_member():
    from twinhub.testing.projects import make_project

    project = make_project(founder=teacher("TR"), cofounder=teacher("DE"))
    guest = teacher("FR")
    make_contacts(project.founder, guest)
    invitation = services.project_invite(actor=project.founder, project_id=project.pk, user_id=guest.pk)
    won = _check_one_winner(race([lambda: services.invitation_accept(user=guest, invitation_id=invitation.pk)] * 4))
    assert ProjectMember.objects.filter(project=project, user=guest).count() == int(won)
    assert Invitation.objects.get(pk=invitation.pk).status == ("accepted" if won else "pending")


def test_concurrent_cofounder_accepts_make_one_member():
    founder, cofounder = teacher("TR"), teacher("DE")
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title="Race")
    won = _check_one_winner(race([lambda: services.project_cofounder_accept(user=cofounder,
                                                                            project_id=project.pk)] * 4))
    assert ProjectMember.objects.filter(project=project, user=cofounder).count() == int(won)
    assert Project.objects.get(pk=project.pk).scope == ("european" if won else "")
