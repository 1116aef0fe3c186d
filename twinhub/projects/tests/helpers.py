from twinhub.core.models import AuditEntry
from twinhub.projects.models import Invitation, Project, ProjectMember
from twinhub.testing import make_teacher


def teacher(country="TR", *, approved=True, available=True, **kw):
    return make_teacher(country=country, region="TR-06" if country == "TR" else "", approved=approved,
                        available=available, **kw)


def snapshot():
    """What a refused request must leave unchanged."""
    return (
        sorted(Project.objects.values_list("id", "title", "scope", "state", "founder_id", "cofounder_id")),
        sorted(ProjectMember.objects.values_list("project_id", "user_id", "role", "country")),
        sorted(Invitation.objects.values_list("id", "project_id", "invitee_id", "status")),
        AuditEntry.objects.count(),
    )
