"""Two validators deciding the same membership at the same moment: exactly one decision wins,
the other is refused, and the audit log holds one decision. On PostgreSQL the row lock
(`select_for_update`) makes the loser wait and then see `already_decided`; SQLite serialises
writers, so the loser is refused by the rule or by the database lock - never both win."""

import threading

import pytest
from django.db import OperationalError, connection

from twinhub.core.errors import ApplicationError
from twinhub.core.models import AuditEntry, Notification
from twinhub.core.testing import make_staff, make_teacher
from twinhub.schools.models import Membership, MembershipStatus
from twinhub.schools.services import membership_approve, membership_reject


def _race(calls) -> list:
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = ("won", call())
        except ApplicationError as error:
            outcomes[i] = ("refused", error.code)
        except OperationalError as error:  # SQLite: "database table is locked"
            outcomes[i] = ("locked", str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_two_validators_deciding_at_once_one_wins(round_):
    coordinator = make_staff("coordinator", country="TR", region="TR-06")
    nss = make_staff("nss", country="TR")
    teacher = make_teacher(country="TR", region="TR-06", approved=False)
    membership = Membership.objects.get(user=teacher)

    outcomes = _race([
        lambda: membership_approve(actor=coordinator, membership_id=membership.pk).status,
        lambda: membership_reject(actor=nss, membership_id=membership.pk, reason="Not known").status,
    ])

    winners = [o for o in outcomes if o and o[0] == "won"]
    losers = [o for o in outcomes if o and o[0] != "won"]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    if connection.vendor == "postgresql":
        assert losers[0] == ("refused", "already_decided"), outcomes
    membership.refresh_from_db()
    assert membership.status == winners[0][1] != MembershipStatus.PENDING
    decisions = AuditEntry.objects.filter(object_id=str(membership.pk),
                                          action__in=["membership.approved", "membership.rejected"])
    assert decisions.count() == 1
    assert decisions.get().action == f"membership.{membership.status}"
    assert Notification.objects.filter(user=teacher).count() == 1
