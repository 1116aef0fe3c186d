"""Rule 6 has no way around it: contacts are made only by an accepted request, whose acceptance
checks both sides again — the demo and the tests' helper go through the same services."""

import pytest

from twinhub.contacts import services
from twinhub.contacts.models import Contact
from twinhub.core.errors import ApplicationError
from twinhub.testing import make_teacher
from twinhub.testing.projects import make_contacts

pytestmark = pytest.mark.django_db


def test_no_service_links_two_people_without_the_rule():
    assert not [name for name in dir(services) if "link" in name and not name.startswith("_")]


def test_the_test_helper_is_refused_a_pending_teacher_like_anyone():
    ayse, pending = make_teacher(country="TR"), make_teacher(country="TR", approved=False)
    with pytest.raises(ApplicationError) as refused:
        make_contacts(ayse, pending)
    assert refused.value.code == "membership_pending"
    assert not Contact.objects.exists()

