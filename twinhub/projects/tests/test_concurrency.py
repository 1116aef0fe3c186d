"""Concurrent acceptances cannot make two member rows (row locks + unique constraint).
Meaningful on PostgreSQL (`DATABASE_URL=postgres://… pytest`); on SQLite writes are serialised anyway."""

import threading

import pytest
from django.db import connection

from twinhub.contacts.testing import make_contacts
from twinhub.core.errors import ApplicationError
from twinhub.projects import services
from twinhub.projects.models import Invitation, Project, ProjectMember
from twinhub.projects.testing import make_project

from .helpers import teacher

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(func, times=4):
    barrier, outcomes = threading.Barrier(times), []

    def worker():
        try:
            barrier.wait()
            func()
            outcomes.append("ok")
        except ApplicationError as error:
            outcomes.append(error.code)
        except Exception as error:  # noqa: BLE001 (the test reports any other failure)
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(times)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


def test_concurrent_invitation_accepts_make_one_member():
    project = make_project(founder=teacher("TR"), cofounder=teacher("DE"))
    guest = teacher("FR")
    make_contacts(project.founder, guest)
    invitation = services.project_invite(actor=project.founder, project_id=project.pk, user_id=guest.pk)
    outcomes = run_together(lambda: services.invitation_accept(user=guest, invitation_id=invitation.pk))
    if connection.vendor == "postgresql":
        assert outcomes == ["already_decided"] * 3 + ["ok"]
    assert outcomes.count("ok") == 1, outcomes
    assert ProjectMember.objects.filter(project=project, user=guest).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).status == "accepted"


def test_concurrent_cofounder_accepts_make_one_member():
    founder, cofounder = teacher("TR"), teacher("DE")
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title="Race")
    outcomes = run_together(lambda: services.project_cofounder_accept(user=cofounder, project_id=project.pk))
    assert outcomes.count("ok") == 1, outcomes
    assert ProjectMember.objects.filter(project=project, user=cofounder).count() == 1
    assert Project.objects.get(pk=project.pk).scope == "european"
