"""Applying for the National Quality Label: pre-check, submission, windows and policies (rule 8)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from twinhub.labels.models import ApplicationWindow, CountryLabelPolicy
from twinhub.testing import assert_refused, client_for, db_state, make_staff, make_teacher
from twinhub.testing.labels import TEXTS, apply, european_project, national_project
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db
YEAR = date.today().year


def four_applications(user):
    for i in range(4):
        apply(user, european_project(user, title=f"Project {i}"))


def test_fifth_application_precheck_says_it_will_not_be_evaluated(window_tr, api):
    user = teacher()
    four_applications(user)
    fifth = european_project(user, title="Fifth")
    body = api(user).get(f"/projects/{fifth.pk}/quality-label/precheck").json()
    assert body["evaluable"] is False and body["can_submit"] is True and body["position_in_year"] == 5
    assert [r["code"] for r in body["reasons"]] == ["over_yearly_limit"]
    year = timezone.localdate().year
    assert f"This would be your 5th application in {year}: it will not be evaluated" in body["reasons"][0]["message"]

    response = api(user).post(f"/projects/{fifth.pk}/quality-label/applications", TEXTS)
    assert response.status_code == 201
    assert response.json()["evaluation_status"] == "not_evaluated_over_yearly_limit"
    assert response.json()["position_in_year"] == 5


def test_first_four_are_queued_in_order(window_tr):
    user = teacher()
    apps = [apply(user, european_project(user, title=f"P{i}")) for i in range(5)]
    assert [a.position_in_year for a in apps] == [1, 2, 3, 4, 5]
    assert [a.evaluation_status for a in apps] == ["queued"] * 4 + ["not_evaluated_over_yearly_limit"]


def test_precheck_in_turkish(window_tr, api):
    user = teacher()
    four_applications(user)
    fifth = european_project(user)
    body = api(user, language="tr").get(f"/projects/{fifth.pk}/quality-label/precheck").json()
    assert "5. başvurunuz olacak" in body["reasons"][0]["message"], body


def test_eleven_members_from_turkiye(window_tr, api):
    user = teacher()
    project = european_project(user, members=[teacher() for _ in range(10)])  # 11 from Türkiye with the founder
    body = api(user).get(f"/projects/{project.pk}/quality-label/precheck").json()
    assert [r["code"] for r in body["reasons"]] == ["too_many_members_from_country"]
    assert "This project has 11 members from Türkiye" in body["reasons"][0]["message"]
    assert api(user).post(f"/projects/{project.pk}/quality-label/applications",
                          TEXTS).json()["evaluation_status"] == "not_evaluated_too_many_members"


def test_ten_members_from_turkiye_are_fine(window_tr, api):
    user = teacher()
    project = european_project(user, members=[teacher() for _ in range(9)])
    assert api(user).get(f"/projects/{project.pk}/quality-label/precheck").json()["evaluable"] is True


def test_window_closed_names_the_next_opening_and_refuses_without_change(nss_tr, api):
    today = timezone.localdate()
    if today.month == 12 and today.day == 31:
        pytest.fail("run on another day: the next window must fall inside this year")
    ApplicationWindow.objects.create(country="TR", year=today.year, opens_on=today + timedelta(days=1),
                                     closes_on=date(today.year, 12, 31), created_by=nss_tr)
    user = teacher()
    project = european_project(user)
    body = api(user).get(f"/projects/{project.pk}/quality-label/precheck").json()
    assert body["can_submit"] is False and body["reasons"][0]["code"] == "window_closed"
    assert "The next application window opens on" in body["reasons"][0]["message"]
    before = db_state()
    assert_refused(api(user).post(f"/projects/{project.pk}/quality-label/applications", TEXTS),
                   "window_closed", 409)
    assert db_state() == before


def test_not_a_member_cannot_apply(window_tr, api):
    project = european_project()
    outsider = teacher()
    body = api(outsider).get(f"/projects/{project.pk}/quality-label/precheck").json()
    assert [r["code"] for r in body["reasons"]] == ["not_member"]
    before = db_state()
    assert_refused(api(outsider).post(f"/projects/{project.pk}/quality-label/applications", TEXTS), "not_member", 403)
    assert db_state() == before


def test_applying_twice_for_one_project_is_refused(window_tr, api):
    user = teacher()
    project = european_project(user)
    apply(user, project)
    before = db_state()
    assert_refused(api(user).post(f"/projects/{project.pk}/quality-label/applications", TEXTS),
                   "already_applied", 409)
    assert db_state() == before


def test_national_projects_follow_the_country_policy(window_tr, nss_tr, api):
    user = teacher()
    project = national_project(user)
    assert api(user).get(f"/projects/{project.pk}/quality-label/precheck").json()["evaluable"] is True
    assert api(nss_tr).patch("/quality-label/policies/TR", {"national_projects_allowed": False}).status_code == 200
    body = api(user).get(f"/projects/{project.pk}/quality-label/precheck").json()
    assert [r["code"] for r in body["reasons"]] == ["national_not_allowed"]
    before = db_state()
    assert_refused(api(user).post(f"/projects/{project.pk}/quality-label/applications", TEXTS),
                   "national_not_allowed", 409)
    assert db_state() == before


def test_policy_yearly_limit_is_editable(window_tr, nss_tr, api):
    body = api(nss_tr).patch("/quality-label/policies/TR", {"max_applications_per_year": 2}).json()
    assert body["max_applications_per_year"] == 2 and body["max_members_from_country"] == 10
    user = teacher()
    statuses = [apply(user, european_project(user, title=f"P{i}")).evaluation_status for i in range(3)]
    assert statuses == ["queued", "queued", "not_evaluated_over_yearly_limit"]


def test_invalid_evidence_link_is_refused(window_tr, api):
    user = teacher()
    project = european_project(user)
    before = db_state()
    assert_refused(api(user).post(f"/projects/{project.pk}/quality-label/applications",
                                  {**TEXTS, "evidence_links": ["javascript:alert(1)"]}), "invalid", 400)
    assert db_state() == before


# --- Windows and policies: who may change them ----------------------------------------------

@pytest.mark.parametrize("role, allowed", [("nss_tr", True), ("css", True), ("nss_it", False), ("teacher", False)])
def test_policy_and_window_permissions(role, allowed, api):
    actor = {"nss_tr": lambda: make_staff("nss", country="TR"), "css": lambda: make_staff("css"),
             "nss_it": lambda: make_staff("nss", country="IT"), "teacher": lambda: make_teacher()}[role]()
    before = db_state()
    patch = api(actor).patch("/quality-label/policies/TR", {"max_members_from_country": 12})
    post = api(actor).post("/quality-label/windows", {"country": "TR", "year": YEAR,
                                                      "opens_on": f"{YEAR}-03-01", "closes_on": f"{YEAR}-04-30"})
    if allowed:
        assert patch.status_code == 200 and patch.json()["max_members_from_country"] == 12
        assert post.status_code == 201
        assert CountryLabelPolicy.objects.get(country="TR").max_members_from_country == 12
    else:
        assert_refused(patch, "forbidden", 403)
        assert_refused(post, "forbidden", 403)
        assert db_state() == before


def test_window_with_wrong_dates_is_refused(nss_tr, api):
    before = db_state()
    assert_refused(api(nss_tr).post("/quality-label/windows", {"country": "TR", "year": YEAR,
                                                               "opens_on": f"{YEAR}-05-01",
                                                               "closes_on": f"{YEAR}-04-01"}), "invalid", 400)
    assert db_state() == before


def test_windows_are_listed(window_tr, api):
    body = api(teacher()).get("/quality-label/windows", {"country": "TR"}).json()
    assert [w["id"] for w in body] == [window_tr.pk]


def test_anonymous_gets_401(api):
    assert api().get("/quality-label/windows").status_code == 401


# --- Who sees an application ----------------------------------------------------------------

@pytest.mark.parametrize("role, visible", [("applicant", True), ("nss_tr", True), ("css", True),
                                           ("nss_it", False), ("other_teacher", False)])
def test_application_visibility(role, visible, window_tr, nss_tr, api):
    user = teacher()
    application = apply(user, european_project(user))
    viewer = {"applicant": user, "nss_tr": nss_tr, "css": make_staff("css"),
              "nss_it": make_staff("nss", country="IT"), "other_teacher": teacher()}[role]
    response = api(viewer).get(f"/quality-label/applications/{application.pk}")
    page = client_for(viewer)
    html = page.get(f"/quality-label/applications/{application.pk}/")
    if visible:
        assert response.status_code == 200 and response.json()["evaluation_status"] == "queued"
        assert html.status_code == 200
    else:
        assert_refused(response, "not_found", 404)
        assert html.status_code == 404


# --- The page -----------------------------------------------------------------------------

def test_project_label_page_shows_precheck_and_submits(window_tr):
    user = teacher()
    four_applications(user)
    project = european_project(user, title="Fifth")
    client = client_for(user)
    page = client.get(f"/quality-label/projects/{project.pk}/")
    assert page.status_code == 200
    assert "This would be your 5th application" in page.content.decode()
    response = client.post(f"/quality-label/projects/{project.pk}/", {**TEXTS, "evidence_links": "https://e.example/x"})
    assert response.status_code == 302
    assert user.label_applications.get(project=project).evaluation_status == "not_evaluated_over_yearly_limit"


def test_project_label_page_in_turkish_explains_national_projects(window_tr):
    user = teacher()
    project = national_project(user)
    client = client_for(user, language="tr")
    html = client.get(f"/quality-label/projects/{project.pk}/").content.decode()
    assert "Ulusal Kalite Etiketi" in html
    assert 'data-code="national_project"' in html


def test_eql_explanation_api(window_tr, api):
    user = teacher()
    national = national_project(user)
    european = european_project(user)
    assert api(user).get(f"/projects/{national.pk}/quality-label/eql").json()["code"] == "national_project"
    assert api(user).get(f"/projects/{european.pk}/quality-label/eql").json() is None
