"""Each morning, every validator with memberships waiting more than 7 days gets one e-mail in their
own language listing their places; nobody else does, and a second run the same day sends nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.schools.models import Membership
from twinhub.schools.tasks import validator_digests_send
from twinhub.testing import make_staff, make_teacher

pytestmark = pytest.mark.django_db


def _pending(*, region="TR-06", country="TR", days=10):
    teacher = make_teacher(country=country, region=region, approved=False)
    Membership.objects.filter(user=teacher).update(requested_at=timezone.now() - timedelta(days=days))


def test_one_digest_per_validator_in_their_language_once_a_day():
    ankara = make_staff("coordinator", country="TR", region="TR-06", email="ankara@koord.example")
    User.objects.filter(pk=ankara.pk).update(language="tr")
    make_staff("coordinator", country="TR", region="TR-34", email="istanbul@koord.example")
    nss_it = make_staff("nss", country="IT", email="nss@it.example")
    make_staff("nss", country="TR", email="nss@tr.example")  # Ankara has its coordinator: not the NSS's
    _pending(days=10)
    _pending(days=9)
    _pending(days=2)  # too recent
    _pending(region="TR-34", days=3)  # İstanbul: nothing old enough
    _pending(country="IT", region="", days=30)
    mail.outbox.clear()

    assert validator_digests_send() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {ankara.email, nss_it.email}
    turkish = by_recipient[ankara.email]
    assert "7 günden" in turkish.subject and "Ankara" in turkish.body and "2 üyelik" in turkish.body
    assert "/validation/" in turkish.body
    assert "Ital" in by_recipient[nss_it.email].body and "1 membership" in by_recipient[nss_it.email].body

    assert validator_digests_send() == 0  # the same day: nothing more
    assert len(mail.outbox) == 2


def test_a_province_without_coordinator_goes_to_the_nss():
    nss_tr = make_staff("nss", country="TR", email="nss@tr.example")
    _pending(region="TR-81", days=8)
    mail.outbox.clear()
    assert validator_digests_send() == 1
    assert mail.outbox[0].to == [nss_tr.email] and "Düzce" in mail.outbox[0].body
