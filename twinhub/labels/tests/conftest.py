"""Fixtures of the label tests; the builders are in twinhub.testing.labels."""

import pytest

from twinhub.testing.labels import eql_example, open_window


@pytest.fixture
def nss_tr(people):
    return people.nss_tr


@pytest.fixture
def window_tr(nss_tr):
    return open_window("TR", nss_tr)


@pytest.fixture
def example(db):
    """The European Quality Label example (see twinhub.testing.labels.eql_example)."""
    return eql_example()
