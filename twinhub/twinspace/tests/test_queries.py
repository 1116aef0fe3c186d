"""TwinSpace pages run a fixed number of queries, however much content there is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add_content(world, 8)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), (len(small), len(large))
    assert len(large) <= 14


def test_thread_page_query_count(world, django_assert_max_num_queries):
    thread = services.thread_create(project_id=world.project_a.pk, title="T", body_html="b", user=world.admin_a)
    for i in range(15):
        services.post_create(project_id=world.project_a.pk, thread_id=thread.pk, body_html=f"r{i}",
                             pupil=world.pupil_a if i % 2 else None, user=None if i % 2 else world.member_a)
    client = world.client_for("pupil")
    with django_assert_max_num_queries(12):
        assert client.get(f"/twinspace/{world.project_a.pk}/forum/{thread.pk}/").status_code == 200
