"""Two validators deciding the same membership at the same moment: exactly one decision wins,
the other is refused, and the audit log holds one decision. The row lock (`select_for_update`)
makes the loser wait and then see `already_decided`."""

import pytest

from twinhub.core.models import AuditEntry, Notification
from twinhub.schools.models import Membership, MembershipStatus
from twinhub.schools.services import membership_approve, membership_reject
from twinhub.testing import (
    REFUSED,
    ROW_LOCKS_NEED_POSTGRESQL,
    WON,
    make_staff,
    make_teacher,
    needs_postgresql,
    race,
)


@needs_postgresql(why=ROW_LOCKS_NEED_POSTGRESQL)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_two_validators_deciding_at_once_one_wins(round_):
    coordinator = make_staff("coordinator", country="TR", region="TR-06")
    nss = make_staff("nss", country="TR")
    teacher = make_teacher(country="TR", region="TR-06", approved=False)
    membership = Membership.objects.get(user=teacher)

    outcomes = race([
        lambda: membership_approve(actor=coordinator, membership_id=membership.pk).status,
        lambda: membership_reject(actor=nss, membership_id=membership.pk, reason="Not known").status,
    ])

    [winner] = [value for kind, value in outcomes if kind == WON]
    assert [o for o in outcomes if o[0] != WON] == [(REFUSED, "already_decided")], outcomes
    membership.refresh_from_db()
    assert membership.status == winner != MembershipStatus.PENDING
    decisions = AuditEntry.objects.filter(object_id=str(membership.pk),
                                          action__in=["membership.approved", "membership.rejected"])
    assert decisions.count() == 1
    assert decisions.get().action == f"membership.{membership.status}"
    assert Notification.objects.filter(user=teacher).count() == 1
