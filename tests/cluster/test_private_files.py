"""Uploads, thumbnails and certificates in an S3-compatible bucket (moto's server on loopback, as MinIO or Ceph
in production), and private files that only a permitted reader ever gets: streamed after the
permission check, or through a signed URL that expires - never from an address one could guess."""

import re
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.core.files.storage import default_storage

from twinhub.labels.models import Label
from twinhub.labels.services import application_evaluate
from twinhub.settings import s3_storage
from twinhub.testing import client_for
from twinhub.testing.files import image_bytes
from twinhub.testing.labels import GOOD_SCORES, apply, european_project, open_window
from twinhub.testing.projects import teacher
from twinhub.testing.servers import S3_BUCKET, s3_server
from twinhub.testing.twinspace import World
from twinhub.twinspace.models import Material

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("s3-server")]  # one S3 server (decision 50)
UNGUESSABLE = re.compile(r"^twinspace/\d+/[0-9a-f]{32}$")  # a random UUID: 128 bits nobody can guess


@pytest.fixture(scope="module")
def endpoint():
    with s3_server() as url:
        yield url


@pytest.fixture
def bucket(endpoint, settings, monkeypatch, tmp_path):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "test")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(
        bucket=S3_BUCKET, endpoint_url=endpoint, region="us-east-1", addressing_style="path")}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    yield client
    for item in client.list_objects_v2(Bucket=S3_BUCKET).get("Contents", []):
        client.delete_object(Bucket=S3_BUCKET, Key=item["Key"])


@pytest.fixture
def world(db):
    return World()


def upload_photo(world) -> Material:
    response = world.client_for("member").post(f"/twinspace/{world.project_a.pk}/materials/", {
        "file": _named(image_bytes("JPEG", (900, 600)), "class-photo.jpg"), "name": "Class photo"})
    assert response.status_code == 302, response.content
    return Material.objects.get(project=world.project_a)


def _named(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def keys(bucket) -> set[str]:
    return {item["Key"] for item in bucket.list_objects_v2(Bucket=S3_BUCKET).get("Contents", [])}


def test_the_upload_and_its_thumbnail_are_private_objects_in_the_bucket(world, bucket, endpoint, settings):
    material = upload_photo(world)
    assert keys(bucket) == {material.file.name, material.thumbnail.name}
    assert UNGUESSABLE.match(material.file.name) and UNGUESSABLE.match(material.thumbnail.name)
    assert "class-photo" not in material.file.name
    assert not (settings.MEDIA_ROOT).exists(), "nothing was written to the node's own disk"
    # The bucket gives nobody the object without a signature, even knowing its name.
    assert requests.get(f"{endpoint}/{S3_BUCKET}/{material.file.name}", timeout=10).status_code == 403
    acl = bucket.get_object_acl(Bucket=S3_BUCKET, Key=material.file.name)["Grants"]
    assert [grant["Permission"] for grant in acl] == ["FULL_CONTROL"]  # the owner's, nobody else's


def test_a_member_gets_the_file_streamed_and_an_outsider_is_refused(world, bucket):
    material = upload_photo(world)
    stored = default_storage.open(material.file.name).read()
    url = f"/twinspace/{world.project_a.pk}/materials/{material.pk}/file/"
    response = world.client_for("member").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == stored
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    for role in ("public", "anonymous"):  # a teacher of no role in the project; nobody logged in
        refused = world.client_for(role).get(url)
        assert refused.status_code in (302, 403, 404), (role, refused.status_code)
        assert not refused.has_header("Location") or "/accounts/login/" in refused["Location"]
        assert stored not in b"".join(getattr(refused, "streaming_content", [refused.content]))


def test_signed_delivery_sends_a_member_to_a_url_that_expires(world, bucket, endpoint, settings):
    settings.PRIVATE_FILES_DELIVERY = "signed"
    settings.PRIVATE_FILE_URL_SECONDS = 120
    material = upload_photo(world)
    url = f"/twinspace/{world.project_a.pk}/materials/{material.pk}/thumb/"
    response = world.client_for("member").get(url)
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    signed = response["Location"]
    parts = urlsplit(signed)
    query = parse_qs(parts.query)
    assert signed.startswith(f"{endpoint}/{S3_BUCKET}/{material.thumbnail.name}?")
    assert query["X-Amz-Expires"] == ["120"] and query["X-Amz-Signature"][0]
    assert query["response-content-type"] == ["image/jpeg"]
    got = requests.get(signed, timeout=10)
    assert got.status_code == 200 and got.content == default_storage.open(material.thumbnail.name).read()
    # The same address without its signature is refused by the bucket.
    assert requests.get(f"{parts.scheme}://{parts.netloc}{parts.path}", timeout=10).status_code == 403
    # An outsider gets no signed URL at all.
    refused = world.client_for("public").get(url)
    assert refused.status_code in (403, 404) and not refused.has_header("Location")


def test_accel_delivery_lets_nginx_send_a_file_from_disk_only_after_the_check(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_FILES_DELIVERY = "accel"
    material = upload_photo(world)
    url = f"/twinspace/{world.project_a.pk}/materials/{material.pk}/file/"
    response = world.client_for("member").get(url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private_files/{material.file.name}"
    assert response["Content-Type"] == "image/jpeg"
    refused = world.client_for("public").get(url)
    assert refused.status_code in (403, 404) and not refused.has_header("X-Accel-Redirect")


def test_a_certificate_is_kept_private_in_the_bucket_and_streamed_to_its_holder_only(
        bucket, endpoint, people, django_capture_on_commit_callbacks):
    nss = people.nss_tr
    open_window("TR", nss)
    holder = teacher()
    application = apply(holder, european_project(holder, title="Köprüler"))
    with django_capture_on_commit_callbacks(execute=True):  # the award's commit asks for the PDF
        application_evaluate(actor=nss, application_id=application.pk, scores=GOOD_SCORES, feedback="", award=True)
    label = Label.objects.get(application=application)
    kept = [key for key in keys(bucket) if key.startswith("certificates/")]
    assert len(kept) == 1
    stored = bucket.get_object(Bucket=S3_BUCKET, Key=kept[0])["Body"].read()
    assert stored.startswith(b"%PDF")
    assert requests.get(f"{endpoint}/{S3_BUCKET}/{kept[0]}", timeout=10).status_code == 403
    url = f"/labels/{label.pk}/certificate.pdf"
    response = client_for(holder).get(url)
    assert response.status_code == 200 and response.content == stored
    refused = client_for(teacher()).get(url)
    assert refused.status_code in (403, 404) and stored not in refused.content
