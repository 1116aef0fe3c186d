"""Fixtures of the TwinSpace tests: uploads in a temporary folder, and two projects with every
role (twinhub.testing.twinspace.World)."""

import pytest

from twinhub.testing.twinspace import World


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return World()
