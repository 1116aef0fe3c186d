"""The profile photo: uploaded, cropped to a square on the server, served only to people signed
in; refused files change nothing; without a photo the initials are shown."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from twinhub.accounts.rules import PHOTO_SIZE
from twinhub.testing import client_for, db_state
from twinhub.testing.files import PDF, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(client, data: bytes, name: str = "me.png"):
    return client.post("/profile/photo/", {"photo": SimpleUploadedFile(name, data), "action": "upload"})


def test_a_photo_is_cropped_to_a_square_and_shown_to_people_signed_in(people):
    ayse = people.teacher
    assert ">AY</span>" in client_for(ayse).get("/profile/").content.decode()  # initials before
    assert _upload(client_for(ayse), image_bytes("PNG", size=(600, 300))).status_code == 302
    ayse.refresh_from_db()
    with ayse.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (PHOTO_SIZE, PHOTO_SIZE) and image.format == "JPEG"
    page = client_for(ayse).get("/profile/").content.decode()
    assert f'<img src="{ayse.profile_photo_url}"' in page
    seen = client_for(people.teacher_it).get(f"/people/{ayse.pk}/photo/")
    assert seen.status_code == 200 and seen["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(seen.streaming_content))).size == (PHOTO_SIZE, PHOTO_SIZE)
    assert client_for(None).get(f"/people/{ayse.pk}/photo/").status_code == 302  # to the log-in
    assert client_for(people.teacher_it).get(f"/people/{people.teacher_it.pk}/photo/").status_code == 404


def test_a_file_that_is_not_a_picture_is_refused_and_changes_nothing(people):
    ayse = people.teacher
    before = db_state()
    response = _upload(client_for(ayse), PDF, name="me.png")
    assert response.status_code == 302
    page = client_for(ayse).get("/profile/").content.decode()
    assert db_state() == before and ">AY</span>" in page
    tr = client_for(ayse, language="tr")
    _upload(tr, PDF)
    assert "okuyabileceğimiz bir resim değil" in tr.get("/profile/").content.decode()


def test_removing_the_photo_brings_the_initials_back(people):
    css = people.css
    _upload(client_for(css), image_bytes("JPEG", size=(100, 400)))
    css.refresh_from_db()
    assert css.photo
    client_for(css).post("/profile/photo/", {"action": "remove"})
    css.refresh_from_db()
    assert not css.photo and css.profile_photo_url == ""
