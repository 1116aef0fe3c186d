"""Two projects with every TwinSpace role, built through the real services."""

from django.test import Client

from twinhub.accounts.models import User
from twinhub.projects import services as project_services
from twinhub.projects.models import ProjectMember
from twinhub.testing.people import make_teacher
from twinhub.testing.projects import make_project, teacher
from twinhub.twinspace import services
from twinhub.twinspace.selectors import PUPIL_SESSION_KEY

ROLES = ["admin", "member", "pupil", "guest", "public", "anonymous"]

# What each role may do in an open TwinSpace, written out by hand: a change to the code's table
# (twinhub.twinspace.permissions) must change this too. Anonymous visitors are "public".
EXPECTED_PERMISSIONS = {
    "admin": {"view", "view_public", "page_write", "page_publish", "material_upload", "thread_start", "reply",
              "moderate", "meeting_schedule", "pupil_manage", "guest_manage", "subscribe"},
    "member": {"view", "view_public", "page_write", "material_upload", "thread_start", "reply", "moderate",
               "pupil_manage", "subscribe"},
    "pupil": {"view", "view_public", "page_write", "material_upload", "thread_start", "reply"},
    "guest": {"view", "view_public", "reply"},
    "public": {"view_public"},
}


class World:
    """Project A and project B, each with an administrator, a teacher member, a pupil and a guest;
    plus an outsider teacher (a user with no role in either)."""

    def __init__(self):
        self.admin_a = teacher(name="Ayşe Admin")
        self.member_a = teacher(name="Mehmet Member")
        self.project_a = make_project(founder=self.admin_a, cofounder=teacher(), members=[self.member_a],
                                      title="Project A")
        self.admin_b = teacher("IT", name="Bruno Admin")
        self.project_b = make_project(founder=self.admin_b, cofounder=teacher(), title="Project B")
        self.pupil_a, self.code_a = services.pupil_create(project_id=self.project_a.pk, alias="Kedi",
                                                          user=self.admin_a)
        self.pupil_b, self.code_b = services.pupil_create(project_id=self.project_b.pk, alias="Gatto",
                                                          user=self.admin_b)
        self.guest_a = make_teacher(approved=False, email="guest@test.example", name="Gita Guest")
        services.guest_invite(project_id=self.project_a.pk, email="guest@test.example", user=self.admin_a)
        self.outsider = teacher(name="Olga Outsider")
        assert ProjectMember.objects.get(project=self.project_a, user=self.member_a).role == "member"

    def user_for(self, role: str) -> User | None:
        return {"admin": self.admin_a, "member": self.member_a, "guest": self.guest_a,
                "public": self.outsider}.get(role)

    def client_for(self, role: str, project_letter: str = "a") -> Client:
        """A browser for a role in project A (the pupil of A, or anyone logged out for 'anonymous')."""
        client = Client()
        if role == "pupil":
            login_as_pupil(client, self.code_a if project_letter == "a" else self.code_b)
        elif role != "anonymous":
            client.force_login(self.user_for(role))
        return client

    def who(self, role: str) -> dict:
        """Service keyword arguments for a role in project A."""
        if role == "pupil":
            return {"pupil": self.pupil_a}
        return {"user": self.user_for(role)}

    def set_state(self, state: str) -> None:
        """Move project A to open/archived/closed through the projects service."""
        if state in ("closed", "archived"):  # a project is closed before it is archived
            project_services.project_state_change(actor=self.admin_a, project_id=self.project_a.pk, action="close")
        if state == "archived":
            project_services.project_state_change(actor=self.admin_a, project_id=self.project_a.pk, action="archive")
        self.project_a.refresh_from_db()
        assert self.project_a.state == state


def login_as_pupil(client: Client, code: str) -> None:
    response = client.post("/twinspace/pupils/login/", {"code": code})
    assert response.status_code == 302, response.content
    assert PUPIL_SESSION_KEY in client.session
