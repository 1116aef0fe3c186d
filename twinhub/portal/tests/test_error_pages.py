"""Our own 403, 404 and 500 pages (the layout, the visitor's language; never Django's bare
defaults, which production would show) and /favicon.ico."""

import pytest
from django.test import Client

from twinhub.testing import client_for

pytestmark = pytest.mark.django_db

LAYOUT = 'href="#main"'  # the layout's skip link: the page is framed by base.html


@pytest.mark.parametrize("language, title", [("en", "Page not found"), ("tr", "Sayfa bulunamadı")])
def test_an_unknown_page_answers_our_404_in_the_visitors_language(language, title):
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert LAYOUT in html and 'data-status="404"' in html and title in html


def test_a_project_out_of_reach_is_the_same_404_for_a_teacher(people):
    html = client_for(people.teacher, language="tr").get("/projects/999999/").content.decode()
    assert 'data-status="404"' in html and "Sayfa bulunamadı" in html


def test_an_expired_form_answers_our_403():
    response = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="tr").post("/accounts/login/", {})
    assert response.status_code == 403
    html = response.content.decode()
    assert LAYOUT in html and 'data-status="403"' in html and "Bu sayfayı açamazsınız" in html


@pytest.mark.urls("twinhub.portal.tests.failing_urls")
@pytest.mark.parametrize("language, title", [("en", "Something went wrong"), ("tr", "Bir şeyler ters gitti")])
def test_a_failing_page_answers_our_500(language, title):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    response = client.get("/fails/")
    assert response.status_code == 500
    html = response.content.decode()
    assert LAYOUT in html and 'data-status="500"' in html and title in html


def test_favicon_is_served():
    response = Client().get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
