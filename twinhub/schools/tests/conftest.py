"""Fixtures of the school tests: a pending membership waiting in each place."""

import pytest

from twinhub.testing.schools import PLACES, pending_membership


@pytest.fixture
def pending(db):
    return {place: pending_membership(place) for place in PLACES}
