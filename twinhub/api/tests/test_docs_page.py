"""The API docs (Swagger UI) work without the internet: every script, style and icon they load is
one of the project's own static files."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_swagger_ui_loads_only_local_static_files():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), assets
    for asset in assets:
        assert asset.startswith("/static/"), f"{asset} is not served by the project"
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not among the static files"
    # No address outside the project anywhere on the page (a bare "cdn" would also match the page's
    # random CSRF token one time in a few thousand).
    assert not re.search(r"(?:https?:)?//[\w.-]+\.\w", html), "the page names another site"
