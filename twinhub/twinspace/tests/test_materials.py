"""Uploads: type by content (spoofing, SVG), size limits per kind and per project, thumbnails,
storage through Django's storage API, and files served only behind the permission check."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from twinhub.core.errors import ApplicationError
from twinhub.testing.files import PDF, SVG, image_bytes
from twinhub.twinspace import services
from twinhub.twinspace.models import Material, TwinSpace


def upload(world, name, content, **who):
    return services.material_upload(project_id=world.project_a.pk, upload=SimpleUploadedFile(name, content),
                                    **(who or {"user": world.member_a}))


def refused(world, name, content) -> str:
    before = (Material.objects.count(), TwinSpace.objects.filter(storage_used__gt=0).count())
    with pytest.raises(ApplicationError) as error:
        upload(world, name, content)
    assert (Material.objects.count(), TwinSpace.objects.filter(storage_used__gt=0).count()) == before
    return error.value.code


def test_image_is_stored_with_a_thumbnail_and_type_from_content(world):
    material = upload(world, "photo.txt", image_bytes("JPEG", (1200, 900)))  # the name lies; the content wins
    assert (material.kind, material.content_type) == ("image", "image/jpeg")
    assert default_storage.exists(material.file.name) and default_storage.exists(material.thumbnail.name)
    assert not material.file.name.endswith(".txt")
    from PIL import Image

    with default_storage.open(material.thumbnail.name) as thumb, Image.open(thumb) as image:
        assert max(image.size) <= 320
    assert TwinSpace.objects.get(project=world.project_a).storage_used == material.size


def test_pdf_and_plain_text_are_documents(world):
    assert upload(world, "x.pdf", PDF).content_type == "application/pdf"
    assert upload(world, "notes.txt", "Merhaba dünya\n".encode()).content_type == "text/plain"


@pytest.mark.parametrize("name, content", [
    ("drawing.svg", SVG),
    ("drawing.png", SVG),                                           # SVG renamed as PNG
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
])
def test_svg_is_refused_whatever_its_name(world, name, content):
    assert refused(world, name, content) == "svg_not_allowed"


@pytest.mark.parametrize("name, content", [
    ("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),   # a Windows program
    ("page.pdf", b"<html><script>alert(1)</script></html>"),                            # HTML named PDF
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"not really an image" * 10),                   # PNG header, no image
    ("archive.docx", b"\x7fELF\x02\x01\x01" + b"\x00" * 64),                              # a Linux program
])
def test_spoofed_types_are_refused(world, name, content):
    assert refused(world, name, content) == "unsupported_file_type"


def test_per_kind_size_limits(world, settings):
    settings.TWINSPACE_MAX_IMAGE_BYTES = 500
    settings.TWINSPACE_MAX_FILE_BYTES = 10_000
    big_image = image_bytes("PNG", (200, 200))
    assert len(big_image) > 500
    assert refused(world, "big.png", big_image) == "file_too_large"
    assert upload(world, "doc.pdf", PDF + b"%" * 2000).kind == "document"  # other files: their own limit
    assert refused(world, "doc.pdf", PDF + b"%" * 20_000) == "file_too_large"


def test_project_quota(world, settings):
    pdf = PDF + b"%" * 1000
    settings.TWINSPACE_PROJECT_QUOTA_BYTES = len(pdf) * 2 + 10
    upload(world, "1.pdf", pdf)
    upload(world, "2.pdf", pdf)
    assert refused(world, "3.pdf", pdf) == "project_storage_full"
    # Deleting frees the space again.
    services.material_delete(project_id=world.project_a.pk, material_id=Material.objects.first().pk,
                             user=world.admin_a)
    upload(world, "3.pdf", pdf)


def test_refusal_message_in_turkish(world, settings):
    settings.TWINSPACE_MAX_IMAGE_BYTES = 100
    client = world.client_for("member")
    response = client.post(f"/twinspace/{world.project_a.pk}/materials/",
                           {"file": SimpleUploadedFile("a.png", image_bytes())}, HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 413
    assert "sınır" in response.content.decode()


def test_files_are_served_only_through_the_permission_check(world):
    material = upload(world, "a.pdf", PDF)
    url = f"/twinspace/{world.project_a.pk}/materials/{material.pk}/file/"
    response = world.client_for("pupil").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert world.client_for("public").get(url).status_code == 404
    assert world.client_for("anonymous").get(url).status_code == 404


def test_hidden_material_is_invisible_to_pupils(world):
    material = upload(world, "a.pdf", PDF)
    services.material_hide(project_id=world.project_a.pk, material_id=material.pk, hidden=True, user=world.admin_a)
    url = f"/twinspace/{world.project_a.pk}/materials/{material.pk}/file/"
    assert world.client_for("pupil").get(url).status_code == 404
    assert world.client_for("member").get(url).status_code == 200
