"""The eTwinning School Label: eligibility, the invitation, the principal's declaration, NSS decision."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from twinhub.labels.models import Label, LabelKind
from twinhub.labels.services import application_evaluate
from twinhub.labels.tests.conftest import GOOD_SCORES, apply, db_state, teacher
from twinhub.schools.models import School
from twinhub.testing import assert_refused, make_staff, make_teacher
from twinhub.testing.projects import make_project

pytestmark = pytest.mark.django_db
DECLARATION = {"principal_name": "Ayşe Yılmaz", "principal_declaration": "Our school supports eTwinning."}


def school_teachers(n=3):
    return [make_teacher(country="TR", region="TR-06", approved=True, available=True, school_number="SL-1")
            for _ in range(n)]


def age_school(school, days=800):
    School.objects.filter(pk=school.pk).update(created_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def eligible(window_tr, nss_tr):
    t1, t2, t3 = school_teachers()
    school = t1.memberships.get().school
    age_school(school)
    project = make_project(founder=t1, cofounder=teacher("IT"), members=[t2, t3], title="Sea")
    application = apply(t1, project)
    application_evaluate(actor=nss_tr, application_id=application.pk, scores=GOOD_SCORES, feedback="", award=True)
    return school, [t1, t2, t3]


def test_eligible_school_invites_its_teachers_and_nss_decides(eligible, nss_tr, api):
    school, teachers = eligible
    body = api(teachers[1]).get(f"/schools/{school.pk}/school-label/eligibility").json()
    assert body == {"eligible": True, "active_teachers": 3, "european_nql_projects": 1, "reasons": []}
    client = Client()
    client.force_login(teachers[1])
    assert "eligible for the eTwinning School Label" in client.get("/labels/mine/").content.decode()
    created = api(teachers[1]).post(f"/schools/{school.pk}/school-label/applications", DECLARATION)
    assert created.status_code == 201
    application_id = created.json()["id"]
    assert_refused(api(teachers[1]).post(f"/school-label/applications/{application_id}/decision",
                                         {"decision": "award"}), "forbidden", 403)
    before = db_state()
    assert_refused(api(make_staff("nss", country="IT")).post(f"/school-label/applications/{application_id}/decision",
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
    page = Client()
    page.force_login(t1)
    assert 'data-code="school_too_new"' in page.get(f"/school-label/{school.pk}/").content.decode()


def test_a_national_project_nql_does_not_count(window_tr, nss_tr, api):
    t1, t2, t3 = school_teachers()
    school = t1.memberships.get().school
    age_school(school)
    project = make_project(founder=t1, cofounder=teacher("TR"), members=[t2, t3], title="At home")
    application = apply(t1, project)
    application_evaluate(actor=nss_tr, application_id=application.pk, scores=GOOD_SCORES, feedback="", award=True)
    body = api(t1).get(f"/schools/{school.pk}/school-label/eligibility").json()
    assert [r["code"] for r in body["reasons"]] == ["no_european_nql"]


def test_teachers_of_other_schools_get_404(eligible, api):
    school, _teachers = eligible
    assert_refused(api(teacher()).get(f"/schools/{school.pk}/school-label/eligibility"), "not_found", 404)
