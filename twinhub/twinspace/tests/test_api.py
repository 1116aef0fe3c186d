"""The API answers with the same permission table as the pages."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from twinhub.testing import ApiClient, assert_refused, db_state
from twinhub.testing.files import SVG, image_bytes
from twinhub.testing.twinspace import login_as_pupil
from twinhub.twinspace import services
from twinhub.twinspace.models import Page, Post, Pupil


def test_teacher_pages_crud_and_sanitising(world):
    api = ApiClient(world.member_a)
    base = f"/twinspace/{world.project_a.pk}"
    response = api.post(f"{base}/pages", {"title": "Plan", "body_html": "<p onclick='x()'>Hi</p><script>1</script>"})
    assert response.status_code == 201, response.content
    page_id = response.json()["id"]
    assert response.json()["body_html"] == "<p>Hi</p>"
    child = api.post(f"{base}/pages", {"title": "Week 1", "parent_id": page_id}).json()
    assert [p["id"] for p in api.get(f"{base}/pages").json()] == [page_id, child["id"]]
    assert api.patch(f"{base}/pages/{page_id}", {"title": "Plan 2"}).json()["title"] == "Plan 2"
    # A member may not publish: only administrators make pages public.
    assert_refused(api.patch(f"{base}/pages/{page_id}", {"is_public": True}), "forbidden", 403)
    # A page cannot move under its own child.
    assert_refused(api.patch(f"{base}/pages/{page_id}", {"parent_id": child["id"]}), "invalid_parent", 400)
    assert api.delete(f"{base}/pages/{page_id}").status_code == 204
    assert not Page.objects.exists()


def test_out_of_scope_answers_404_and_changes_nothing(world):
    page = services.page_create(project_id=world.project_a.pk, title="Plan", user=world.admin_a)
    thread = services.thread_create(project_id=world.project_a.pk, title="T", body_html="b", user=world.admin_a)
    api = ApiClient(world.admin_b)
    base = f"/twinspace/{world.project_a.pk}"
    before = db_state()
    for response in [api.get(f"{base}/pages/{page.pk}"), api.patch(f"{base}/pages/{page.pk}", {"title": "x"}),
                     api.delete(f"{base}/pages/{page.pk}"), api.post(f"{base}/pages", {"title": "x"}),
                     api.get(f"{base}/materials"), api.get(f"{base}/threads"),
                     api.post(f"{base}/threads/{thread.pk}/posts", {"body_html": "x"}),
                     api.get(f"{base}/pupils"), api.post(f"{base}/pupils", {"alias": "x"}),
                     api.post(f"{base}/pupils/{world.pupil_a.pk}/reset-code")]:
        assert_refused(response, "not_found", 404)
    assert db_state() == before


def test_pupils_api_for_teachers_only(world):
    api = ApiClient(world.member_a)
    response = api.post(f"/twinspace/{world.project_a.pk}/pupils", {"alias": "Tavşan"})
    assert response.status_code == 201
    code = response.json()["login_code"]
    assert services.pupil_authenticate(code=code).alias == "Tavşan"
    assert {p["alias"] for p in api.get(f"/twinspace/{world.project_a.pk}/pupils").json()} == {"Kedi", "Tavşan"}
    guest = ApiClient(world.guest_a)
    assert_refused(guest.get(f"/twinspace/{world.project_a.pk}/pupils"), "forbidden", 403)
    assert_refused(guest.post(f"/twinspace/{world.project_a.pk}/pupils", {"alias": "x"}), "forbidden", 403)
    assert Pupil.objects.count() == 3


def test_pupil_uses_the_api_with_their_session(world):
    client = Client(enforce_csrf_checks=False)
    login_as_pupil(client, world.code_a)
    thread = services.thread_create(project_id=world.project_a.pk, title="T", body_html="b", user=world.admin_a)
    response = client.post(f"/api/v1/twinspace/{world.project_a.pk}/threads/{thread.pk}/posts",
                           data=json.dumps({"body_html": "<b>Merhaba</b>"}), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["author"] == "Kedi"
    assert client.get(f"/api/v1/twinspace/{world.project_a.pk}/pupils").status_code == 403
    assert client.get(f"/api/v1/twinspace/{world.project_b.pk}/threads").status_code == 404
    assert Post.objects.filter(author_pupil=world.pupil_a).count() == 1


def test_material_upload_via_api(world):
    api = ApiClient(world.member_a)
    url = f"/api/v1/twinspace/{world.project_a.pk}/materials"
    ok = api.client.post(url, {"file": SimpleUploadedFile("a.png", image_bytes())}, headers=api.headers)
    assert ok.status_code == 201 and ok.json()["kind"] == "image"
    svg = api.client.post(url, {"file": SimpleUploadedFile("a.png", SVG)}, headers=api.headers)
    assert_refused(svg, "svg_not_allowed", 400)


def test_refusal_in_turkish(world):
    api = ApiClient(world.guest_a, language="tr")
    body = assert_refused(api.post(f"/twinspace/{world.project_a.pk}/pages", {"title": "x"}), "forbidden", 403)
    assert "izin vermiyor" in body["message"]


def test_post_edit_by_author_or_moderator_only_and_sanitised(world, client):
    thread = services.thread_create(project_id=world.project_a.pk, title="T", body_html="<p>Start</p>",
                                    user=world.admin_a)
    pupil_post = services.post_create(project_id=world.project_a.pk, thread_id=thread.pk, body_html="<p>Hi</p>",
                                      pupil=world.pupil_a)
    url = f"/twinspace/{world.project_a.pk}/threads/{thread.pk}/posts/{pupil_post.pk}"
    _other_pupil, other_code = services.pupil_create(project_id=world.project_a.pk, alias="Tilki", user=world.admin_a)
    login_as_pupil(client, other_code)
    before = db_state()
    response = client.patch(f"/api/v1{url}", json.dumps({"body_html": "<p>taken over</p>"}),
                            content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert db_state() == before
    login_as_pupil(client, world.code_a)
    response = client.patch(f"/api/v1{url}", json.dumps({"body_html": "<p onmouseover='x()'>Hello!</p>"}),
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["body_html"] == "<p>Hello!</p>"
    moderated = ApiClient(world.member_a).patch(url, {"body_html": "<p>Edited by a teacher</p>"})
    assert moderated.status_code == 200
    assert Post.objects.get(pk=pupil_post.pk).edited_at is not None
    # The post must be addressed through its own thread.
    assert_refused(ApiClient(world.admin_a).patch(
        f"/twinspace/{world.project_a.pk}/threads/{thread.pk + 999}/posts/{pupil_post.pk}", {"body_html": "x"}),
        "not_found", 404)


def test_guests_are_listed_and_removed_by_administrators_only(world):
    base = f"/twinspace/{world.project_a.pk}/guests"
    [guest] = ApiClient(world.admin_a).get(base).json()
    assert guest["email"] == "guest@test.example"
    before = db_state()
    assert_refused(ApiClient(world.member_a).get(base), "forbidden", 403)
    assert_refused(ApiClient(world.member_a).delete(f"{base}/{guest['id']}"), "forbidden", 403)
    assert_refused(ApiClient(world.admin_b).delete(f"{base}/{guest['id']}"), "not_found", 404)
    assert db_state() == before
    threads = f"/twinspace/{world.project_a.pk}/threads"
    assert ApiClient(world.guest_a).get(threads).status_code == 200
    assert ApiClient(world.admin_a).delete(f"{base}/{guest['id']}").status_code == 204
    assert_refused(ApiClient(world.guest_a).get(threads), "not_found", 404)  # no longer a guest
