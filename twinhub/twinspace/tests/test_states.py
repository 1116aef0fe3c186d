"""A TwinSpace follows its project: archived is read-only, closed is for administrators;
content waiting for the migration shows why nothing is there yet."""

import pytest

from twinhub.core.errors import ApplicationError
from twinhub.testing import db_state
from twinhub.twinspace import services
from twinhub.twinspace.models import ContentState, Page, Post, TwinSpace


@pytest.fixture
def content(world):
    page = services.page_create(project_id=world.project_a.pk, title="Plan", body_html="<p>x</p>",
                                user=world.admin_a)
    public = services.page_create(project_id=world.project_a.pk, title="Shown", is_public=True, user=world.admin_a)
    thread = services.thread_create(project_id=world.project_a.pk, title="T", body_html="hi", pupil=world.pupil_a)
    return page, public, thread


WRITES = [
    ("page_create", lambda w, c, who: services.page_create(project_id=w.project_a.pk, title="N", **who)),
    ("page_update", lambda w, c, who: services.page_update(project_id=w.project_a.pk, page_id=c[0].pk,
                                                           title="Z", **who)),
    ("post_create", lambda w, c, who: services.post_create(project_id=w.project_a.pk, thread_id=c[2].pk,
                                                           body_html="r", **who)),
    ("thread_create", lambda w, c, who: services.thread_create(project_id=w.project_a.pk, title="N",
                                                               body_html="b", **who)),
    ("pupil_create", lambda w, c, who: services.pupil_create(project_id=w.project_a.pk, alias="X", **who)),
]


@pytest.mark.parametrize("role", ["admin", "member", "pupil"])
def test_archived_twinspace_reads_but_refuses_every_write(world, content, role):
    world.set_state("archived")
    client = world.client_for(role)
    assert client.get(f"/twinspace/{world.project_a.pk}/pages/{content[0].pk}/").status_code == 200
    assert client.get(f"/twinspace/{world.project_a.pk}/forum/{content[2].pk}/").status_code == 200
    for name, write in WRITES:
        before = db_state()
        with pytest.raises(ApplicationError) as error:
            write(world, content, world.who(role))
        assert error.value.code in ("twinspace_archived", "forbidden"), name
        assert db_state() == before, name
    # The page says why nothing can be changed, and offers no form.
    page = client.get(f"/twinspace/{world.project_a.pk}/forum/{content[2].pk}/", HTTP_ACCEPT_LANGUAGE="tr")
    assert 'data-code="twinspace_archived"' in page.content.decode()
    assert 'name="body"' not in page.content.decode()


def test_archived_public_part_stays_public(world, content):
    world.set_state("archived")
    anonymous = world.client_for("anonymous")
    assert anonymous.get(f"/twinspace/{world.project_a.pk}/pages/{content[1].pk}/").status_code == 200
    assert anonymous.get(f"/twinspace/{world.project_a.pk}/pages/{content[0].pk}/").status_code == 404


@pytest.mark.parametrize("role, status", [("admin", 200), ("member", 404), ("pupil", 404), ("guest", 404),
                                          ("anonymous", 404)])
def test_closed_twinspace_is_for_administrators_only(world, content, role, status):
    world.set_state("closed")
    client = world.client_for(role)
    assert client.get(f"/twinspace/{world.project_a.pk}/").status_code == status
    assert client.get(f"/twinspace/{world.project_a.pk}/pages/{content[1].pk}/").status_code == status
    before = db_state()
    response = client.post(f"/twinspace/{world.project_a.pk}/forum/{content[2].pk}/", {"body": "x"})
    assert response.status_code == (409 if role == "admin" else 404)
    assert db_state() == before


def test_awaiting_migration_explains_and_refuses_writes(world, content):
    TwinSpace.objects.filter(project=world.project_a).update(content_state=ContentState.AWAITING_MIGRATION)
    response = world.client_for("member").get(f"/twinspace/{world.project_a.pk}/", HTTP_ACCEPT_LANGUAGE="tr")
    assert "eski platformdan" in response.content.decode()
    with pytest.raises(ApplicationError) as error:
        services.page_create(project_id=world.project_a.pk, title="N", user=world.admin_a)
    assert error.value.code == "twinspace_awaiting_migration"
    assert Page.objects.count() == 2 and Post.objects.count() == 1
