"""Certificates: a PDF per awarded teacher in the teacher's language, with a public verification code."""

import subprocess

import pytest
from django.test import Client
from PIL import Image

from twinhub.labels.certificates import certificate_html, certificate_pdf
from twinhub.labels.models import Label
from twinhub.labels.services import application_evaluate
from twinhub.testing import client_for
from twinhub.testing.labels import GOOD_SCORES, apply, european_project
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def label(window_tr, nss_tr):
    user = teacher()
    application = apply(user, european_project(user, title="Köprüler kuruyoruz"))
    application_evaluate(actor=nss_tr, application_id=application.pk, scores=GOOD_SCORES, feedback="", award=True)
    return Label.objects.select_related("holder", "project").get(application=application)


def test_certificate_renders_to_a_non_blank_page(label, tmp_path):
    pdf = certificate_pdf(label)
    assert pdf.startswith(b"%PDF")
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", str(tmp_path / "c.pdf"), str(tmp_path / "c")],
                   check=True)
    image = Image.open(tmp_path / "c.png").convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:128])
    assert dark > 0.01 * image.width * image.height, "the page is blank"
    text = subprocess.run(["pdftotext", str(tmp_path / "c.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert label.verification_code in text and "Köprüler kuruyoruz" in text


def test_certificate_speaks_the_teachers_language(label):
    label.holder.language = "tr"
    label.holder.save(update_fields=["language"])
    assert "Bu belge" in certificate_html(label, "tr")
    assert "This certificate is awarded to" in certificate_html(label, "en")
    client = client_for(label.holder)
    response = client.get(f"/labels/{label.pk}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("role, allowed", [("holder", True), ("nss_tr", True), ("other", False)])
def test_certificate_download_permission(role, allowed, label, nss_tr):
    viewer = {"holder": label.holder, "nss_tr": nss_tr, "other": teacher()}[role]
    client = client_for(viewer)
    assert client.get(f"/labels/{label.pk}/certificate.pdf").status_code == (200 if allowed else 404)


def test_public_verification_without_login(label, api):
    page = Client().get("/labels/verify/", {"code": label.verification_code.lower()})
    assert page.status_code == 200 and "This certificate is genuine" in page.content.decode()
    assert label.holder.display_name in page.content.decode()
    body = api().get(f"/labels/verify/{label.verification_code}").json()
    assert body["valid"] is True and body["kind"] == "nql" and body["project"] == "Köprüler kuruyoruz"
    assert Client().get("/labels/verify/", {"code": "NOPE"}).status_code == 404
    assert api().get("/labels/verify/NOPE").status_code == 404


def test_verification_page_in_turkish(label):
    page = Client(HTTP_ACCEPT_LANGUAGE="tr").get("/labels/verify/", {"code": label.verification_code})
    assert "Bu belge geçerlidir" in page.content.decode()
