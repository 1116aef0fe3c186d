"""Every TwinSpace URL × every role, against the permission table written out by hand
(twinhub.testing.twinspace.EXPECTED_PERMISSIONS): an allowed request does what it says, as this
role (the row it made or changed is checked), and a refused one leaves the database exactly as it
was. And a pupil of project A tries every URL of project B."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from twinhub.testing import db_state
from twinhub.testing.files import image_bytes
from twinhub.testing.twinspace import EXPECTED_PERMISSIONS as EXPECTED
from twinhub.testing.twinspace import ROLES
from twinhub.twinspace import models as m
from twinhub.twinspace import services

PNG = image_bytes()

@dataclass
class Setup:
    """What a case builds in one project before the request, as its administrator."""
    project: object
    admin: object
    pupil: object

    def page(self, **fields) -> m.Page:
        return services.page_create(project_id=self.project.pk, title="Plan", body_html="<p>plan</p>",
                                    user=self.admin, **fields)

    def thread(self, **fields) -> m.Thread:
        return services.thread_create(project_id=self.project.pk, title="Hello", body_html="<p>hi</p>",
                                      user=self.admin, **fields)

    def material(self) -> m.Material:
        return services.material_upload(project_id=self.project.pk, upload=SimpleUploadedFile("a.png", PNG),
                                        user=self.admin)

    def meeting(self) -> m.Meeting:
        from datetime import datetime

        return services.meeting_schedule(project_id=self.project.pk, title="Kick-off",
                                         starts_at=datetime(2030, 1, 9, 9, tzinfo=UTC),
                                         link="https://meet.example/kick-off", user=self.admin)


@dataclass
class Case:
    name: str
    method: str
    action: str
    # Builds what the request needs: (path under /twinspace/<id>/, form data, the object it is about).
    build: Callable[[Setup], tuple[str, dict | None, object]]
    # For an allowed request: checks what it did (the response, the object, and who asked).
    effect: Callable[["Done"], None]
    # The allowed answer, when not the usual one (200 for a page, a redirect after a form).
    answer: int | None = None

    @property
    def allowed_answer(self) -> int:
        return self.answer or (200 if self.method == "get" else 302)


@dataclass
class Done:
    response: object
    obj: object
    project: object
    by: dict  # {"user": …} or {"pupil": …}

    @property
    def html(self) -> str:
        return self.response.content.decode()

    def authored(self, row) -> bool:
        """The row's author is whoever made the request."""
        return (row.author_user, row.author_pupil) == (self.by.get("user"), self.by.get("pupil"))

    def fresh(self):
        return type(self.obj).objects.filter(pk=self.obj.pk).first()


def _shows(*texts: str) -> Callable[[Done], None]:
    def check(done: Done) -> None:
        for text in texts:
            assert text in done.html, text
    return check


def _hidden(done: Done) -> None:
    assert done.fresh().is_hidden, "still shown"


def _deleted(done: Done) -> None:
    assert done.fresh() is None, "still there"


def _page_created(done: Done) -> None:
    page = m.Page.objects.get(project=done.project, title="New")
    assert page.body_html == "x" and done.authored(page)


def _page_edited(done: Done) -> None:
    page = done.fresh()
    assert (page.title, page.body_html) == ("Changed", "y")


def _uploaded(done: Done) -> None:
    material = m.Material.objects.get(project=done.project, name="b.png")
    assert material.kind == "image" and material.size == len(PNG) and done.authored(material)


def _thread_started(done: Done) -> None:
    thread = m.Thread.objects.get(project=done.project, title="T")
    assert done.authored(thread) and [p.body_html for p in thread.posts.all()] == ["<p>b</p>"]


def _replied(done: Done) -> None:
    post = done.obj.posts.order_by("pk").last()
    assert post.body_html == "<p>reply</p>" and done.authored(post)


def _meeting_scheduled(done: Done) -> None:
    meeting = m.Meeting.objects.get(project=done.project, title="Call")
    assert (meeting.duration_minutes, meeting.link) == (45, "https://meet.example/abc")
    assert meeting.created_by == done.by["user"]


def _shown_code(html: str) -> str:
    """The login code the people page shows once, to the teacher who made or renewed it."""
    return html.split('data-testid="login-code">', 1)[1].split("<", 1)[0]


def _pupil_created(done: Done) -> None:
    pupil = m.Pupil.objects.get(project=done.project, alias="Yeni")
    assert pupil.created_by == done.by["user"]
    assert services.pupil_authenticate(code=_shown_code(done.html)) == pupil


def _code_reset(done: Done) -> None:
    assert done.fresh().login_key != done.obj.login_key
    assert services.pupil_authenticate(code=_shown_code(done.html)) == done.obj


def _streamed(content_type: str) -> Callable[[Done], None]:
    def check(done: Done) -> None:
        assert done.response["Content-Type"].startswith(content_type)
        assert b"".join(done.response.streaming_content)
    return check


CASES = [
    Case("home", "get", "view_public", lambda s: ("", None, None), _shows("Project A")),
    Case("public page", "get", "view_public", lambda s: (f"pages/{(p := s.page(is_public=True)).pk}/", None, p),
         _shows("<p>plan</p>")),
    Case("page", "get", "view", lambda s: (f"pages/{(p := s.page()).pk}/", None, p), _shows("<p>plan</p>")),
    Case("new page form", "get", "page_write", lambda s: ("pages/new/", None, None), _shows('name="title"')),
    Case("create page", "post", "page_write", lambda s: ("pages/new/", {"title": "New", "body_html": "x"}, None),
         _page_created),
    Case("edit other's page", "post", "moderate",
         lambda s: (f"pages/{(p := s.page()).pk}/edit/", {"title": "Changed", "body_html": "y"}, p), _page_edited),
    Case("hide page", "post", "moderate", lambda s: (f"pages/{(p := s.page()).pk}/hide/", {}, p),
         _hidden),
    Case("delete other's page", "post", "moderate", lambda s: (f"pages/{(p := s.page()).pk}/delete/", {}, p),
         _deleted),
    Case("materials", "get", "view", lambda s: ("materials/", None, s.material()), _shows("a.png")),
    Case("material file", "get", "view", lambda s: (f"materials/{(x := s.material()).pk}/file/", None, x),
         _streamed("image/png")),
    Case("material thumbnail", "get", "view", lambda s: (f"materials/{(x := s.material()).pk}/thumb/", None, x),
         _streamed("image/")),
    Case("upload", "post", "material_upload",
         lambda s: ("materials/", {"file": SimpleUploadedFile("b.png", PNG)}, None), _uploaded),
    Case("hide material", "post", "moderate", lambda s: (f"materials/{(x := s.material()).pk}/hide/", {}, x),
         _hidden),
    Case("forum", "get", "view", lambda s: ("forum/", None, s.thread()), _shows("Hello")),
    Case("start thread", "post", "thread_start", lambda s: ("forum/", {"title": "T", "body": "b"}, None),
         _thread_started),
    Case("thread", "get", "view", lambda s: (f"forum/{(t := s.thread()).pk}/", None, t), _shows("<p>hi</p>")),
    Case("reply", "post", "reply_in_guest_thread",
         lambda s: (f"forum/{(t := s.thread(guests_may_reply=True)).pk}/", {"body": "reply"}, t), _replied),
    Case("reply where guests may not", "post", "reply",
         lambda s: (f"forum/{(t := s.thread()).pk}/", {"body": "reply"}, t), _replied),
    Case("hide post", "post", "moderate",
         lambda s: (f"forum/posts/{(p := s.thread().posts.first()).pk}/hide/", {}, p),
         _hidden),
    Case("meetings", "get", "view", lambda s: ("meetings/", None, s.meeting()), _shows("Kick-off")),
    Case("schedule meeting", "post", "meeting_schedule",
         lambda s: ("meetings/", {"title": "Call", "starts_at": "2030-01-10T10:00", "duration_minutes": "45",
                                  "link": "https://meet.example/abc"}, None), _meeting_scheduled),
    Case("people", "get", "pupil_manage", lambda s: ("people/", None, None), _shows("Kedi")),
    # The people page answers its forms with itself (it shows a new login code once).
    Case("create pupil", "post", "pupil_manage", lambda s: ("people/", {"action": "pupil_create", "alias": "Yeni"},
                                                            None), _pupil_created, answer=200),
    Case("reset pupil code", "post", "pupil_manage",
         lambda s: ("people/", {"action": "pupil_reset", "pupil_id": str(s.pupil.pk)}, s.pupil), _code_reset,
         answer=200),
    Case("invite guest", "post", "guest_manage",
         lambda s: ("people/", {"action": "guest_invite", "email": "new-guest@test.example"}, None),
         lambda done: m.Guest.objects.get(project=done.project, email="new-guest@test.example"), answer=200),
    Case("subscribe", "post", "subscribe", lambda s: ("people/", {"action": "subscribe", "subscribed": "on"}, None),
         lambda done: m.Subscription.objects.get(project=done.project, user=done.by["user"]), answer=200),
]


def expected_allowed(role: str, action: str) -> bool:
    if action == "reply_in_guest_thread":
        return "reply" in EXPECTED[role]
    if action == "reply":
        return "reply" in EXPECTED[role] and role != "guest"
    return action in EXPECTED[role]


def request(client, setup: Setup, case: Case):
    path, data, obj = case.build(setup)
    url = f"/twinspace/{setup.project.pk}/{path}"
    before = db_state()
    response = client.get(url) if case.method == "get" else client.post(url, data)
    return response, before, obj


@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_every_role(world, role):
    table_role = "public" if role == "anonymous" else role
    client = world.client_for(role)
    setup = Setup(world.project_a, world.admin_a, world.pupil_a)
    failures = []
    for case in CASES:
        response, before, obj = request(client, setup, case)
        if expected_allowed(table_role, case.action):
            if response.status_code != case.allowed_answer:
                failures.append(f"{case.name}: {response.status_code}, {case.allowed_answer} expected")
                continue
            try:
                case.effect(Done(response, obj, world.project_a, world.who(role)))
            except Exception as error:  # noqa: BLE001 (every case is reported together)
                failures.append(f"{case.name}: did not do it: {str(error).splitlines()[0] or repr(error)}")
        else:
            expected = 403 if "view" in EXPECTED[table_role] else 404  # a reader is told why
            if response.status_code != expected:
                failures.append(f"{case.name}: {response.status_code}, {expected} expected")
            elif changes := before.changes(db_state()):
                failures.append(f"{case.name}: refused, yet changed " + " ".join(changes))
    assert not failures, f"{role}:\n" + "\n".join(failures)


def test_pupil_of_project_a_cannot_reach_project_b(world):
    """Every URL of B answers the pupil of A as it answers anyone: the public part, else 'not found'."""
    client = world.client_for("pupil")
    setup = Setup(world.project_b, world.admin_b, world.pupil_b)
    for case in CASES:
        response, before, _obj = request(client, setup, case)
        if case.action == "view_public":
            assert response.status_code == 200, (case.name, response.status_code)
        else:
            assert response.status_code == 404, (case.name, response.status_code)
            assert db_state() == before, case.name


def test_pupil_session_is_not_a_teacher_session(world):
    """A pupil's session carries no user: the teacher pages and API treat it as logged out."""
    client = world.client_for("pupil")
    assert client.get("/dashboard/").status_code == 302
    assert client.get(f"/api/v1/twinspace/{world.project_b.pk}/threads").status_code == 404
