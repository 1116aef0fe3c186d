"""The project cover picture: project administrators set it (cropped to 3:1), whoever may see the
project sees it in the header; others are refused and nothing changes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from twinhub.projects.models import Project
from twinhub.projects.services import COVER_SIZE
from twinhub.testing import client_for, db_state
from twinhub.testing.files import PDF, image_bytes
from twinhub.testing.projects import make_project, teacher

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _post(user, project, data: bytes):
    return client_for(user).post(f"/projects/{project.pk}/cover/",
                                 {"cover": SimpleUploadedFile("c.png", data), "action": "upload"})


def test_an_administrator_sets_the_cover_and_members_see_it(people):
    founder, member = teacher(), teacher("FR")
    project = make_project(founder=founder, cofounder=teacher("IT"), members=[member], title="Rivers")
    assert _post(founder, project, image_bytes("PNG", size=(900, 900))).status_code == 302
    project.refresh_from_db()
    page = client_for(member).get(f"/projects/{project.pk}/").content.decode()
    assert f'<img class="project-cover" src="{project.cover_url}"' in page
    assert 'id="cover-form"' not in page  # only administrators change it
    assert 'id="cover-form"' in client_for(founder).get(f"/projects/{project.pk}/").content.decode()
    shown = client_for(people.teacher_pl).get(project.cover_url)
    assert shown.status_code == 200
    assert Image.open(io.BytesIO(b"".join(shown.streaming_content))).size == COVER_SIZE
    assert client_for(None).get(project.cover_url).status_code == 302  # log in first


def test_others_and_non_pictures_are_refused_and_change_nothing(people):
    founder, cofounder = teacher(), teacher("IT")
    project = make_project(founder=founder, cofounder=cofounder)
    people.make("teacher_pl")
    before = db_state()
    _post(people.teacher_pl, project, image_bytes())  # sees the project, administers nothing
    _post(founder, project, PDF)
    assert db_state() == before and not Project.objects.get(pk=project.pk).cover
