"""The API: the same table and rules as the pages, refusals as {code, message, who_must_act,
next_step} with their status, bad input a 4xx in the user's language, refusals changing nothing."""

import pytest

from twinhub.groups.models import GroupPost, Report
from twinhub.testing import ApiClient, assert_refused, db_state
from twinhub.testing.groups import make_group, make_partner_post, start_thread

pytestmark = pytest.mark.django_db

# (who, method, path template, body, expected status or refusal code)
MATRIX = [
    ("moderator", "post", "/groups/{g}/posts/{p}/hide", None, 200),
    ("member", "post", "/groups/{g}/posts/{p}/hide", None, "forbidden"),
    ("outsider", "post", "/groups/{g}/posts/{p}/hide", None, "forbidden"),
    ("staff_out", "post", "/groups/{g}/posts/{p}/hide", None, "forbidden"),
    ("staff", "post", "/groups/{g}/posts/{p}/hide", None, 200),
    ("member", "post", "/groups/{g}/threads", {"title": "T", "body_html": "<p>x</p>"}, 201),
    ("outsider", "post", "/groups/{g}/threads", {"title": "T", "body_html": "<p>x</p>"}, "not_group_member"),
    ("staff", "post", "/groups/{g}/threads", {"title": "T", "body_html": "<p>x</p>"}, "forbidden"),
    ("outsider", "get", "/groups/{g}/threads", None, "not_group_member"),
    ("member", "get", "/groups/{g}/threads", None, 200),
    ("member", "post", "/groups/{g}/archive", None, "forbidden"),
    ("moderator", "post", "/groups/{g}/archive", None, 200),
    ("member", "delete", "/groups/{g}/members/{w}", None, "forbidden"),
    ("moderator", "delete", "/groups/{g}/members/{w}", None, 204),
    ("outsider", "post", "/groups/{g}/join", None, 200),
    ("member", "post", "/groups/{g}/join", None, "already_group_member"),
    ("outsider", "post", "/reports", {"target": "group_post", "target_id": "{p}", "reason": "x"}, "not_group_member"),
    ("member", "post", "/reports", {"target": "group_post", "target_id": "{p}", "reason": "x"}, 201),
]


@pytest.fixture
def scene(people):
    writer = people.coordinator_tr34  # not a teacher: just someone who writes in the group (open policy)
    group = make_group(people.nss_tr, members=[people.teacher, people.teacher_it, writer])
    post = start_thread(group, writer)
    users = {"moderator": people.nss_tr, "member": people.teacher_it, "outsider": people.teacher_pl,
             "staff": people.css, "staff_out": people.nss_it}
    clients = {who: ApiClient(user) for who, user in users.items()}
    return {"g": group.pk, "p": post.pk, "w": writer.pk, "clients": clients}


@pytest.mark.parametrize("who,method,path,body,expected", MATRIX)
def test_roles_by_actions_through_the_api(scene, who, method, path, body, expected):
    ids = {k: scene[k] for k in ("g", "p", "w")}
    path = path.format(**ids)
    if body is not None:
        body = {k: int(v.format(**ids)) if v == "{p}" else v for k, v in body.items()}
    client = scene["clients"][who]
    before = db_state()
    response = getattr(client, method)(path, body) if body is not None else getattr(client, method)(path)
    if isinstance(expected, int):
        assert response.status_code == expected, response.content
    else:
        assert_refused(response, expected)
        assert db_state() == before


def test_a_pending_teacher_reads_whose_approval_is_missing(people):
    group = make_group(people.nss_tr, policy="etwinners")
    client = ApiClient(people.pending_teacher, language="tr")
    detail = client.get(f"/groups/{group.pk}").json()
    assert detail["join_refusal"]["code"] == "membership_pending" and detail["allowed"]["join"]
    before = db_state()
    body = assert_refused(client.post(f"/groups/{group.pk}/join"), "membership_pending", 403)
    assert "Ankara" in body["who_must_act"] and body["next_step"]
    assert db_state() == before


def test_bad_input_is_a_clear_4xx_never_a_5xx(people):
    client = ApiClient(people.teacher)
    assert client.post("/groups", {"title": "x"}).status_code == 422
    assert_refused(client.post("/groups", {"title": "", "description": "d", "topic": "art", "language": "en"}),
                   "invalid_group", 400)
    assert client.post("/reports", {"target": "nonsense", "target_id": 1, "reason": "x"}).status_code == 422
    assert client.get("/groups?page=0").status_code == 422
    assert_refused(client.post("/partner-posts", {"title": "t", "idea": "i", "subjects": ["x"], "age_ranges": [],
                                                  "languages": [], "period_start": "2020-01-01",
                                                  "period_end": "2020-02-01"}), "invalid_partner_post", 400)


def test_a_partner_answer_sends_the_contact_request_in_one_step(people):
    post = make_partner_post(people.teacher)
    client = ApiClient(people.teacher_it)
    listed = client.get("/partner-posts?subject=science").json()
    assert [p["id"] for p in listed["items"]] == [post.pk]
    first = client.post(f"/partner-posts/{post.pk}/answers", {"body": "Hello", "contact_request": True})
    assert first.status_code == 201 and first.json()["contact_request_sent"]
    again = client.post(f"/partner-posts/{post.pk}/answers", {"body": "Hi again", "contact_request": True}).json()
    assert again["contact_refusal"]["code"] == "request_pending"
    assert_refused(client.get(f"/partner-posts/{post.pk}/suggestions"), "forbidden", 403)
    assert_refused(ApiClient(people.pending_teacher).get("/partner-posts"), "membership_pending", 403)


def test_a_moderator_decides_through_the_api(people):
    group = make_group(people.nss_tr, members=[people.teacher, people.teacher_it])
    post = start_thread(group, people.teacher)
    filed = ApiClient(people.teacher_it).post("/reports", {"target": "group_post", "target_id": post.pk,
                                                           "reason": "Spam"})
    assert filed.status_code == 201
    moderator = ApiClient(people.nss_tr)
    assert [r["id"] for r in moderator.get("/reports/queue").json()] == [filed.json()["id"]]
    decided = moderator.post(f"/reports/{filed.json()['id']}/decision", {"decision": "hide"})
    assert decided.json()["decision"] == "hide" and GroupPost.objects.get(pk=post.pk).is_hidden
    assert_refused(moderator.post(f"/reports/{filed.json()['id']}/decision", {"decision": "keep"}),
                   "already_decided", 409)
    assert Report.objects.get().state == "decided"
