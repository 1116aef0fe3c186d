"""A project whose planned start is still to come (it starts next year) is not offered the
Quality Label yet: the rule says why and when it can apply; a submission is refused and changes
nothing. Once the start date has passed, the same project is offered the label."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from twinhub.labels import rules
from twinhub.labels.codes import LabelCode
from twinhub.projects import services as project_services
from twinhub.testing import ApiClient, assert_refused, client_for, db_state
from twinhub.testing.labels import TEXTS, european_project
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db


def test_the_rule_explains_itself():
    today = date(2026, 11, 28)
    refusal = rules.planned_start_refusal(planned_start=date(2027, 9, 15), today=today)
    assert refusal.code == LabelCode.PROJECT_NOT_STARTED
    assert "Sept. 15, 2027" in refusal.message and "before it starts" in refusal.message
    assert refusal.who_must_act and "Sept. 15, 2027" in refusal.next_step
    assert rules.planned_start_refusal(planned_start=today, today=today) is None
    assert rules.planned_start_refusal(planned_start=None, today=today) is None


def test_a_project_starting_next_year_is_not_offered_the_label(window_tr):
    applicant = teacher("TR")
    project = european_project(applicant)
    next_year = date(timezone.localdate().year + 1, 9, 15)
    project_services.project_update(actor=applicant, project_id=project.pk, planned_start=next_year)
    html = client_for(applicant).get(f"/projects/{project.pk}/").content.decode()
    assert 'data-code="project_not_started"' in html
    assert "Apply for the National Quality Label" not in html
    api = ApiClient(applicant)
    before = db_state()
    assert_refused(api.post(f"/projects/{project.pk}/quality-label/applications",
                            {**TEXTS, "evidence_links": []}), "project_not_started", 409)
    assert db_state() == before

    started = timezone.localdate() - timedelta(days=30)
    project_services.project_update(actor=applicant, project_id=project.pk, planned_start=started)
    html = client_for(applicant).get(f"/projects/{project.pk}/").content.decode()
    assert "Apply for the National Quality Label" in html
