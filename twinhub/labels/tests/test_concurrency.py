"""Two applications of one teacher submitted at the same moment cannot both take the 4th place.
On PostgreSQL the teacher's year counter row is locked (`select_for_update`), so the second waits
and takes the 5th place; SQLite serialises writers, so the loser may be refused by the database
lock instead - never do both become 4th."""

import pytest
from django.db import connection

from twinhub.labels.models import LabelApplication
from twinhub.labels.tests.conftest import apply, european_project, open_window, teacher
from twinhub.testing import race


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_two_simultaneous_applications_cannot_both_be_fourth(round_):
    open_window("TR")
    user = teacher()
    for i in range(3):
        apply(user, european_project(user, title=f"Earlier {i}"))
    fourth_a, fourth_b = european_project(user, title="A"), european_project(user, title="B")

    outcomes = race([lambda: apply(user, fourth_a).evaluation_status,
                      lambda: apply(user, fourth_b).evaluation_status])

    done = [o for o in outcomes if o and o[0] == "won"]
    if connection.vendor == "postgresql":
        assert sorted(o[1] for o in done) == ["not_evaluated_over_yearly_limit", "queued"], outcomes
    else:
        assert done, outcomes
    positions = list(LabelApplication.objects.filter(applicant=user).order_by("position_in_year")
                     .values_list("position_in_year", "evaluation_status"))
    assert [p for p, _s in positions] == list(range(1, len(positions) + 1))
    assert [s for _p, s in positions].count("queued") == min(4, len(positions))
