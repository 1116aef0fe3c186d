"""Every TwinSpace URL × every role, against the permission table written out in
test_permissions.EXPECTED; refused requests leave the database unchanged. And a pupil of
project A tries every URL of project B."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from twinhub.core.models import AuditEntry, Notification
from twinhub.testing.files import image_bytes
from twinhub.twinspace import models as m
from twinhub.twinspace import services
from twinhub.twinspace.tests.test_permissions import EXPECTED

PNG = image_bytes()


def db_state() -> tuple:
    """Everything a TwinSpace request could change."""
    tables = [m.TwinSpace, m.Pupil, m.Guest, m.Page, m.Material, m.Thread, m.Post, m.Meeting, m.Activity,
              m.Subscription, AuditEntry, Notification]
    return (tuple(t.objects.count() for t in tables),
            list(m.Page.objects.order_by("pk").values_list("title", "body_html", "is_hidden", "is_public")),
            list(m.Post.objects.order_by("pk").values_list("body_html", "is_hidden")),
            list(m.Pupil.objects.order_by("pk").values_list("login_key", flat=True)))


def _page(project, admin, **kw):
    return services.page_create(project_id=project.pk, title="Plan", body_html="<p>plan</p>", user=admin, **kw)


def _thread(project, admin):
    return services.thread_create(project_id=project.pk, title="Hello", body_html="hi", user=admin)


def _material(project, admin):
    return services.material_upload(project_id=project.pk, upload=SimpleUploadedFile("a.png", PNG), user=admin)


# (name, method, action needed, builder(project, admin, pupil) -> (path, data))
CASES = [
    ("home", "get", "view_public", lambda p, a, pu: ("", None)),
    ("public page", "get", "view_public", lambda p, a, pu: (f"pages/{_page(p, a, is_public=True).pk}/", None)),
    ("page", "get", "view", lambda p, a, pu: (f"pages/{_page(p, a).pk}/", None)),
    ("new page form", "get", "page_write", lambda p, a, pu: ("pages/new/", None)),
    ("create page", "post", "page_write", lambda p, a, pu: ("pages/new/", {"title": "New", "body_html": "x"})),
    ("edit other's page", "post", "moderate",
     lambda p, a, pu: (f"pages/{_page(p, a).pk}/edit/", {"title": "Changed", "body_html": "y"})),
    ("hide page", "post", "moderate", lambda p, a, pu: (f"pages/{_page(p, a).pk}/hide/", {})),
    ("delete other's page", "post", "moderate", lambda p, a, pu: (f"pages/{_page(p, a).pk}/delete/", {})),
    ("materials", "get", "view", lambda p, a, pu: ("materials/", None)),
    ("material file", "get", "view", lambda p, a, pu: (f"materials/{_material(p, a).pk}/file/", None)),
    ("material thumbnail", "get", "view", lambda p, a, pu: (f"materials/{_material(p, a).pk}/thumb/", None)),
    ("upload", "post", "material_upload",
     lambda p, a, pu: ("materials/", {"file": SimpleUploadedFile("b.png", PNG)})),
    ("hide material", "post", "moderate", lambda p, a, pu: (f"materials/{_material(p, a).pk}/hide/", {})),
    ("forum", "get", "view", lambda p, a, pu: ("forum/", None)),
    ("start thread", "post", "thread_start", lambda p, a, pu: ("forum/", {"title": "T", "body_html": "b"})),
    ("thread", "get", "view", lambda p, a, pu: (f"forum/{_thread(p, a).pk}/", None)),
    ("reply", "post", "reply_in_guest_thread",
     lambda p, a, pu: (f"forum/{services.thread_create(project_id=p.pk, title='G', body_html='g', user=a, guests_may_reply=True).pk}/",
                       {"body_html": "reply"})),
    ("reply where guests may not", "post", "reply",
     lambda p, a, pu: (f"forum/{_thread(p, a).pk}/", {"body_html": "reply"})),
    ("hide post", "post", "moderate",
     lambda p, a, pu: (f"forum/posts/{_thread(p, a).posts.first().pk}/hide/", {})),
    ("meetings", "get", "view", lambda p, a, pu: ("meetings/", None)),
    ("schedule meeting", "post", "meeting_schedule",
     lambda p, a, pu: ("meetings/", {"title": "Call", "starts_at": "2030-01-10T10:00", "duration_minutes": "45",
                                     "link": "https://meet.example/abc"})),
    ("people", "get", "pupil_manage", lambda p, a, pu: ("people/", None)),
    ("create pupil", "post", "pupil_manage", lambda p, a, pu: ("people/", {"action": "pupil_create", "alias": "Yeni"})),
    ("reset pupil code", "post", "pupil_manage",
     lambda p, a, pu: ("people/", {"action": "pupil_reset", "pupil_id": str(pu.pk)})),
    ("invite guest", "post", "guest_manage",
     lambda p, a, pu: ("people/", {"action": "guest_invite", "email": "new-guest@test.example"})),
    ("subscribe", "post", "subscribe", lambda p, a, pu: ("people/", {"action": "subscribe", "subscribed": "on"})),
]


def expected_allowed(role: str, action: str) -> bool:
    if action == "reply_in_guest_thread":
        return "reply" in EXPECTED[role]
    if action == "reply":
        return "reply" in EXPECTED[role] and role != "guest"
    return action in EXPECTED[role]


def run_case(client, project, admin, pupil, case):
    _name, method, _action, build = case
    path, data = build(project, admin, pupil)
    url = f"/twinspace/{project.pk}/{path}"
    before = db_state()
    response = client.get(url) if method == "get" else client.post(url, data)
    return response, before


@pytest.mark.parametrize("role", ["admin", "member", "pupil", "guest", "public", "anonymous"])
def test_every_url_for_every_role(world, role):
    table_role = "public" if role == "anonymous" else role
    client = world.client_for(role)
    failures = []
    for case in CASES:
        name, method, action, _build = case
        response, before = run_case(client, world.project_a, world.admin_a, world.pupil_a, case)
        allowed = expected_allowed(table_role, action)
        if allowed:
            # The people page answers a POST with the page itself (it shows the new login code).
            ok = response.status_code in ((200,) if method == "get" else (200, 302) if "people" in name or
                                          "pupil" in name or "guest" in name or name == "subscribe" else (302,))
        else:
            readable = "view" in EXPECTED[table_role]
            ok = response.status_code == (403 if readable else 404) and db_state() == before
        if not ok:
            failures.append(f"{name}: {response.status_code}")
    assert not failures, f"{role}: {failures}"


def test_pupil_of_project_a_cannot_reach_project_b(world):
    """Every URL of B answers the pupil of A as it answers anyone: the public part, else 'not found'."""
    client = world.client_for("pupil")
    for case in CASES:
        name, method, action, _build = case
        response, before = run_case(client, world.project_b, world.admin_b, world.pupil_b, case)
        if action == "view_public":
            assert response.status_code == 200, (name, response.status_code)
        else:
            assert response.status_code == 404, (name, response.status_code)
            assert db_state() == before, name


def test_pupil_session_is_not_a_teacher_session(world):
    """A pupil's session carries no user: the teacher pages and API treat it as logged out."""
    client = world.client_for("pupil")
    assert client.get("/dashboard/").status_code == 302
    assert client.get(f"/api/v1/twinspace/{world.project_b.pk}/threads").status_code == 404
