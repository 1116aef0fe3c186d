"""Project partners, contacts and started projects, built through the real services."""

from twinhub.accounts.models import User
from twinhub.contacts.models import Contact
from twinhub.contacts.selectors import are_contacts
from twinhub.contacts.services import contact_request_accept, contact_request_send
from twinhub.projects import services
from twinhub.projects.models import Project
from twinhub.testing.people import make_teacher


def teacher(country: str = "TR", *, available: bool = True, **fields) -> User:
    """An approved eTwinner of `country` (in Ankara for Türkiye) who is available for projects,
    so that a contact may invite them (rule 7): the usual project partner."""
    return make_teacher(country=country, available=available, **fields)


def make_contacts(a: User, b: User) -> None:
    """Make two eTwinners contacts the way teachers do: a asks, b accepts (rule 6 applies)."""
    if are_contacts(a, b):
        return
    request = contact_request_send(sender=a, to_user_id=b.pk)
    contact_request_accept(user=b, request_id=request.pk)


def old_platform_contact(a: User, b: User) -> None:
    """A contact as the old platform's import leaves it, which rule 6 never checked (e.g. with a
    teacher whose membership is still pending): the rows the importer writes, nothing else."""
    Contact.objects.get_or_create(user=a, other=b)
    Contact.objects.get_or_create(user=b, other=a)


def make_project(*, founder: User, cofounder: User, members=(), title: str = "Our project", **fields) -> Project:
    """Founders become contacts, the founder creates, the co-founder accepts, and the founder
    invites each member (made a contact first) who accepts. Everyone must be an available eTwinner
    (`teacher(country)`)."""
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title=title, **fields)
    project = services.project_cofounder_accept(user=cofounder, project_id=project.pk)
    for member in members:
        make_contacts(founder, member)
        invitation = services.project_invite(actor=founder, project_id=project.pk, user_id=member.pk)
        services.invitation_accept(user=member, invitation_id=invitation.pk)
    return Project.objects.get(pk=project.pk)
