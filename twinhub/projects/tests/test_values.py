"""A project's values are checked by one rule (`rules.project_values_refusal`) that the services
call: the form, the API and any other caller get the same answer, with the rule's code."""

from datetime import date

import pytest

from twinhub.core.errors import ApplicationError
from twinhub.core.models import AuditEntry
from twinhub.projects import rules, services
from twinhub.projects.models import Project
from twinhub.testing import ApiClient, assert_refused, client_for, make_teacher
from twinhub.testing.projects import make_contacts, make_project

START, EARLIER = date(2026, 9, 1), date(2026, 6, 1)


@pytest.mark.parametrize("values, code", [
    ({"title": "Water"}, None),
    ({"title": "   "}, "invalid_title"),
    ({"title": "x" * (rules.TITLE_MAX_LENGTH + 1)}, "invalid_title"),
    ({"description": "x" * (rules.DESCRIPTION_MAX_LENGTH + 1)}, "invalid"),
    ({"subjects": ["not-a-subject"]}, "invalid"),
    ({"languages": ["xx"]}, "invalid"),
    ({"age_ranges": ["3-99"]}, "invalid"),
    ({"planned_start": START, "planned_end": EARLIER}, "invalid_dates"),
    ({"planned_start": START, "planned_end": START}, None),
    ({"planned_start": None, "planned_end": EARLIER}, None),
    ({"subjects": ["history"], "languages": ["tr", "en"], "age_ranges": ["11-14"]}, None),
])
def test_the_rule(values, code):
    refusal = rules.project_values_refusal(**values)
    assert (refusal.code if refusal else None) == code
    if refusal:
        assert refusal.status == 422 and refusal.who_must_act


@pytest.fixture
def pair(db):
    founder, cofounder = make_teacher(country="TR", available=True), make_teacher(country="IT", available=True)
    make_contacts(founder, cofounder)
    return founder, cofounder


@pytest.mark.parametrize("payload, code", [
    ({"planned_start": "2026-09-01", "planned_end": "2026-06-01"}, "invalid_dates"),
    ({"subjects": ["not-a-subject"]}, "invalid"),
    ({"title": "   "}, "invalid_title"),
])
def test_api_create_refuses_with_the_rules_code_and_creates_nothing(pair, payload, code):
    founder, cofounder = pair
    audit = AuditEntry.objects.count()
    body = assert_refused(ApiClient(founder).post("/projects", {"title": "X", "cofounder_id": cofounder.pk,
                                                                **payload}), code, 422)
    assert body["who_must_act"]
    assert not Project.objects.exists() and AuditEntry.objects.count() == audit


def test_api_update_checks_the_dates_with_the_stored_start(pair):
    founder, cofounder = pair
    project = make_project(founder=founder, cofounder=cofounder, planned_start=START)
    api = ApiClient(founder)
    assert_refused(api.patch(f"/projects/{project.pk}", {"planned_end": "2026-06-01"}), "invalid_dates", 422)
    assert_refused(api.patch(f"/projects/{project.pk}", {"subjects": ["alchemy"]}), "invalid", 422)
    project.refresh_from_db()
    assert (project.planned_end, project.subjects) == (None, [])
    # A value sent as null is left alone, never written as a missing title.
    assert api.patch(f"/projects/{project.pk}", {"title": None, "planned_end": "2026-12-01"}).status_code == 200
    project.refresh_from_db()
    assert (project.title, project.planned_end) == ("Our project", date(2026, 12, 1))


def test_services_refuse_whoever_calls_them(pair):
    founder, cofounder = pair
    with pytest.raises(ApplicationError) as refused:
        services.project_create(founder=founder, cofounder=cofounder, title="X", planned_start=START,
                                planned_end=EARLIER)
    assert refused.value.code == "invalid_dates"


def test_the_form_shows_the_rules_words_next_to_the_field(pair):
    founder, cofounder = pair
    client = client_for(founder)
    response = client.post("/projects/new/", {"title": "X", "cofounder": cofounder.pk,
                                              "planned_start": "2026-09-01", "planned_end": "2026-06-01"})
    html = response.content.decode()
    assert response.status_code == 200 and not Project.objects.exists()
    assert str(rules.planned_dates_refusal(planned_start=START, planned_end=EARLIER).message) in html
