"""Two applications of one teacher submitted at the same moment cannot both take the 4th place:
the teacher's year counter row is locked (`select_for_update`), so the second waits and takes the
5th place, which is not evaluated (rule 8)."""

import pytest

from twinhub.labels.models import LabelApplication
from twinhub.testing import ROW_LOCKS_NEED_POSTGRESQL, WON, needs_postgresql, race
from twinhub.testing.labels import apply, european_project, open_window
from twinhub.testing.projects import teacher

pytestmark = [needs_postgresql(why=ROW_LOCKS_NEED_POSTGRESQL), pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_", range(3))
def test_two_simultaneous_applications_cannot_both_be_fourth(round_):
    open_window("TR")
    user = teacher()
    for i in range(3):
        apply(user, european_project(user, title=f"Earlier {i}"))
    fourth_a, fourth_b = european_project(user, title="A"), european_project(user, title="B")

    outcomes = race([lambda: apply(user, fourth_a).evaluation_status,
                      lambda: apply(user, fourth_b).evaluation_status])

    assert sorted(outcomes) == [(WON, "not_evaluated_over_yearly_limit"), (WON, "queued")], outcomes
    positions = list(LabelApplication.objects.filter(applicant=user).order_by("position_in_year")
                     .values_list("position_in_year", "evaluation_status"))
    assert positions == [(1, "queued"), (2, "queued"), (3, "queued"), (4, "queued"),
                         (5, "not_evaluated_over_yearly_limit")]
