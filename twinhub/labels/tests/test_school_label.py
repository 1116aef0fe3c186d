"""The eTwinning School Label: eligibility, the invitation, the principal's declaration, NSS decision."""

import pytest

from twinhub.labels.models import Label, LabelKind
from twinhub.testing import assert_refused, client_for, db_state
from twinhub.testing.labels import DECLARATION, age_school, award, eligible_school, school_teachers
from twinhub.testing.projects import make_project, teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def eligible(window_tr, nss_tr):
    return eligible_school(nss_tr)


def test_eligible_school_invites_its_teachers_and_nss_decides(eligible, nss_tr, people, api):
    school, teachers = eligible
    body = api(teachers[1]).get(f"/schools/{school.pk}/school-label/eligibility").json()
    assert body == {"eligible": True, "active_teachers": 3, "european_nql_projects": 1, "reasons": []}
    client = client_for(teachers[1])
    assert "eligible for the eTwinning School Label" in client.get("/labels/mine/").content.decode()
    created = api(teachers[1]).post(f"/schools/{school.pk}/school-label/applications", DECLARATION)
    assert created.status_code == 201
    application_id = created.json()["id"]
    assert_refused(api(teachers[1]).post(f"/school-label/applications/{application_id}/decision",
                                         {"decision": "award"}), "forbidden", 403)
    nss_it = people.nss_it
    before = db_state()
    assert_refused(api(nss_it).post(f"/school-label/applications/{application_id}/decision",
                                                             {"decision": "award"}), "not_found", 404)
    assert db_state() == before
    assert api(nss_tr).post(f"/school-label/applications/{application_id}/decision",
                            {"decision": "award"}).json()["status"] == "awarded"
    label = Label.objects.get(kind=LabelKind.SCHOOL)
    assert label.school_id == school.pk and label.holder_id is None
    assert client.get(f"/labels/{label.pk}/certificate.pdf").status_code == 200
    assert_refused(api(teachers[0]).post(f"/schools/{school.pk}/school-label/applications", DECLARATION),
                   "already_applied", 409)


def test_young_school_with_few_teachers_is_not_eligible(window_tr, api):
    t1, t2 = school_teachers(2)
    school = t1.memberships.get().school
    body = api(t1).get(f"/schools/{school.pk}/school-label/eligibility").json()
    assert [r["code"] for r in body["reasons"]] == ["school_too_new", "too_few_active_teachers", "no_european_nql"]
    before = db_state()
    assert_refused(api(t1).post(f"/schools/{school.pk}/school-label/applications", DECLARATION),
                   "school_too_new", 409)
    assert db_state() == before
    assert 'data-code="school_too_new"' in client_for(t1).get(f"/school-label/{school.pk}/").content.decode()


def test_a_national_project_nql_does_not_count(window_tr, nss_tr, api):
    t1, t2, t3 = school_teachers()
    school = t1.memberships.get().school
    age_school(school)
    project = make_project(founder=t1, cofounder=teacher("TR"), members=[t2, t3], title="At home")
    award(t1, project, nss=nss_tr)
    body = api(t1).get(f"/schools/{school.pk}/school-label/eligibility").json()
    assert [r["code"] for r in body["reasons"]] == ["no_european_nql"]


def test_teachers_of_other_schools_get_404(eligible, api):
    school, _teachers = eligible
    assert_refused(api(teacher()).get(f"/schools/{school.pk}/school-label/eligibility"), "not_found", 404)
