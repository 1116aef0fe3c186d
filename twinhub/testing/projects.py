"""Contacts and started projects, built through the real services."""

from twinhub.contacts.services import contacts_link
from twinhub.projects import services
from twinhub.projects.models import Project


def make_contacts(a, b) -> None:
    """Make two eTwinners contacts."""
    contacts_link(a=a, b=b)


def make_project(*, founder, cofounder, members=(), title: str = "Our project", **fields) -> Project:
    """Founders become contacts, the founder creates, the co-founder accepts, and the founder
    invites each member (made a contact first) who accepts. Everyone must be an available eTwinner
    (`make_teacher(approved=True, available=True)`)."""
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title=title, **fields)
    project = services.project_cofounder_accept(user=cofounder, project_id=project.pk)
    for member in members:
        make_contacts(founder, member)
        invitation = services.project_invite(actor=founder, project_id=project.pk, user_id=member.pk)
        services.invitation_accept(user=member, invitation_id=invitation.pk)
    return Project.objects.get(pk=project.pk)
