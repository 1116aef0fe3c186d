"""TwinSpace pages run a fixed number of queries, however much content there is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from twinhub.testing import assert_same_queries, page_queries, queries
from twinhub.testing.files import PDF
from twinhub.twinspace import services


def add_content(world, n):
    p = world.project_a.pk
    for i in range(n):
        page = services.page_create(project_id=p, title=f"Page {i}", body_html="<p>x</p>", user=world.admin_a)
        services.page_create(project_id=p, title=f"Sub {i}", parent_id=page.pk, pupil=world.pupil_a)
        thread = services.thread_create(project_id=p, title=f"T{i}", body_html="b", user=world.member_a)
        services.post_create(project_id=p, thread_id=thread.pk, body_html="r", pupil=world.pupil_a)
        services.material_upload(project_id=p, upload=SimpleUploadedFile("a.pdf", PDF), pupil=world.pupil_a)


@pytest.mark.parametrize("path", ["", "materials/", "forum/", "meetings/", "people/"])
def test_query_count_does_not_grow(world, path):
    client = world.client_for("admin")
    url = f"/twinspace/{world.project_a.pk}/{path}"
    add_content(world, 2)
    small = page_queries(client, url)
    add_content(world, 8)
    large = page_queries(client, url)
    assert_same_queries(small, large)
    assert len(large) <= 14, large.report()


def test_thread_page_query_count(world):
    thread = services.thread_create(project_id=world.project_a.pk, title="T", body_html="b", user=world.admin_a)
    for i in range(15):
        services.post_create(project_id=world.project_a.pk, thread_id=thread.pk, body_html=f"r{i}",
                             pupil=world.pupil_a if i % 2 else None, user=None if i % 2 else world.member_a)
    client = world.client_for("pupil")
    with queries(at_most=12):
        assert client.get(f"/twinspace/{world.project_a.pk}/forum/{thread.pk}/").status_code == 200
