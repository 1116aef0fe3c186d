"""Guests' addresses and images' pixels are checked before anything is stored (issue 12, finding 8)."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from twinhub.core.errors import ApplicationError
from twinhub.testing import ApiClient, assert_refused, db_state
from twinhub.twinspace import services


@pytest.mark.parametrize("address", ["not an address @ all", "a@b", "x@@y.org", "p@é..example", "@example.org"])
def test_a_guest_invitation_needs_a_real_address(world, address):
    before = db_state()
    with pytest.raises(ApplicationError) as refused:
        services.guest_invite(project_id=world.project_a.pk, email=address, user=world.admin_a)
    assert refused.value.code == "invalid_email"
    assert db_state() == before


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")  # one bit per pixel: a tiny file
    return out.getvalue()


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(world, settings):
    settings.TWINSPACE_MAX_IMAGE_PIXELS = 10_000
    api = ApiClient(world.member_a)
    url = f"/api/v1/twinspace/{world.project_a.pk}/materials"
    before = db_state()
    response = api.client.post(url, {"file": SimpleUploadedFile("big.png", _png(200, 100))}, headers=api.headers)
    body = assert_refused(response, "image_too_large", 413)
    assert "200 × 100" in body["message"]
    assert db_state() == before
    ok = api.client.post(url, {"file": SimpleUploadedFile("ok.png", _png(100, 100))}, headers=api.headers)
    assert ok.status_code == 201


def test_the_default_cap_refuses_the_169_million_pixel_png():
    assert 13_000 * 13_000 > settings.TWINSPACE_MAX_IMAGE_PIXELS >= 12_000_000
