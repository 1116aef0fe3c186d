"""The staff pages of the European Quality Label selection and of the School Label decisions, the
project page's Quality Label card, the menu, and the selectors the help centre and dashboard call."""

import pytest
from django.utils import translation

from twinhub.labels import selectors, services
from twinhub.labels.models import EqlNomination, EqlSelection, Label, LabelKind, SchoolLabelApplication
from twinhub.projects.models import Project
from twinhub.testing import assert_same_queries, client_for, db_state, page_queries, queries
from twinhub.testing.labels import (
    DECLARATION,
    apply,
    award,
    eligible_school,
    european_project,
    national_project,
)
from twinhub.testing.projects import make_project, teacher

pytestmark = pytest.mark.django_db


# --- CSS: the selection ------------------------------------------------------------------------

def test_css_starts_sees_candidates_and_confirms(example):
    css, p, year = example["css"], example["projects"], example["year"]
    client = client_for(css)
    body = client.get(f"/quality-label/eql/?year={year}").content.decode()
    assert 'data-state="not_started"' in body and "Start the selection" in body
    assert client.post(f"/quality-label/eql/?year={year}", {"action": "start"}).status_code == 302
    body = client.get(f"/quality-label/eql/?year={year}").content.decode()
    assert EqlSelection.objects.get(year=year).state == "nominating"
    assert "5 projects with a National Quality Label, 3 candidates" in body
    for name in ("P1", "P4", "P5"):
        assert f'data-project="{p[name].pk}" data-candidate="yes"' in body
    # The national project's row is explained by the same rule as its project page.
    assert f'data-project="{p["P3"].pk}" data-candidate="no"' in body
    assert 'data-code="national_project"' in body and 'data-code="not_candidate"' in body
    assert '<tr data-country="TR"><td>Türkiye</td><td>1</td><td>0</td></tr>' in body  # by name (issue 13, defect 9)
    services.eql_nominate(actor=example["nss"]["TR"], year=year, project_id=p["P1"].pk, country="TR")
    assert client.post(f"/quality-label/eql/?year={year}", {"action": "confirm"}).status_code == 302
    assert set(Label.objects.filter(kind=LabelKind.EQL).values_list("project_id", flat=True)) == {p["P1"].pk}


@pytest.mark.parametrize("who", ["nss_tr", "teacher"])
def test_only_css_runs_the_selection_page(example, who):
    year = example["year"]
    user = example["nss"]["TR"] if who == "nss_tr" else teacher()
    client = client_for(user)
    before = db_state()
    assert client.get(f"/quality-label/eql/?year={year}").status_code == 404
    assert client.post(f"/quality-label/eql/?year={year}", {"action": "start"}).status_code == 404
    assert db_state() == before and not EqlSelection.objects.exists()


def test_selection_page_queries_do_not_grow(example):
    year, css = example["year"], example["css"]
    services.eql_selection_start(actor=css, year=year)
    client = client_for(css)
    first = page_queries(client, f"/quality-label/eql/?year={year}")
    nss = example["nss"]
    for i in range(3):  # three more candidates, each with NQLs in TR and IT
        a, b = teacher("TR"), teacher("IT")
        project = make_project(founder=a, cofounder=b, title=f"More {i}")
        for holder in (a, b):
            award(holder, project, nss=nss, total=30)
    assert selectors.eql_overview(year).total == 8
    assert_same_queries(first, page_queries(client, f"/quality-label/eql/?year={year}"))


def test_sql_candidate_flag_agrees_with_the_rule(example):
    rows = {r["project_id"]: r["candidate"] for r in selectors._nql_project_rows(example["year"])}
    for e in selectors.eql_overview(example["year"]).projects:
        assert rows[e.project_id] == (1 if e.candidacy is None else 0)


# --- NSS: nominations --------------------------------------------------------------------------

def test_nss_nominates_within_the_quota(example):
    nss, p, year = example["nss"], example["projects"], example["year"]
    services.eql_selection_start(actor=example["css"], year=year)
    client = client_for(nss["TR"])
    url = f"/quality-label/eql/nominations/?country=TR&year={year}"
    body = client.get(url).content.decode()
    assert 'data-quota="1" data-remaining="1"' in body
    assert "Quota: 1 (25% of the country’s 5 National Quality Label projects)" in body
    assert 'data-code="below_threshold"' in body and 'data-code="national_project"' in body
    assert client.post(url, {"project_id": p["P1"].pk}).status_code == 302
    assert EqlNomination.objects.filter(project=p["P1"], country="TR").exists()
    before = db_state()
    response = client.post(url, {"project_id": p["P5"].pk})
    assert response.status_code == 409 and 'data-code="quota_reached"' in response.content.decode()
    assert db_state() == before
    body = client.get(url).content.decode()
    assert 'data-quota="1" data-remaining="0"' in body and 'class="nominated"' in body


def test_nomination_page_scope(example):
    nss, p, year = example["nss"], example["projects"], example["year"]
    services.eql_selection_start(actor=example["css"], year=year)
    outsiders = (teacher(), example["css"])
    before = db_state()
    # The NSS of another country cannot see or nominate for Türkiye.
    it = client_for(nss["IT"])
    assert it.get(f"/quality-label/eql/nominations/?country=TR&year={year}").status_code == 404
    assert it.post(f"/quality-label/eql/nominations/?country=TR&year={year}",
                   {"project_id": p["P1"].pk}).status_code == 404
    # Spain holds no NQL: nothing to nominate, and P1 is refused for Spain.
    es = client_for(nss["ES"])
    assert "No project holds a National Quality Label of your country" in es.get(
        f"/quality-label/eql/nominations/?year={year}").content.decode()
    response = es.post(f"/quality-label/eql/nominations/?year={year}", {"project_id": p["P1"].pk})
    assert response.status_code == 409 and 'data-code="no_country_nql"' in response.content.decode()
    for user in outsiders:
        assert client_for(user).get(f"/quality-label/eql/nominations/?year={year}").status_code == 404
    assert db_state() == before


def test_nomination_page_queries_do_not_grow(example):
    year, nss = example["year"], example["nss"]
    services.eql_selection_start(actor=example["css"], year=year)
    client = client_for(nss["TR"])
    url = f"/quality-label/eql/nominations/?country=TR&year={year}"
    first = page_queries(client, url)
    for i in range(3):
        a, b = teacher("TR"), teacher("IT")
        award(a, make_project(founder=a, cofounder=b, title=f"More {i}"), nss=nss, total=30)
    assert_same_queries(first, page_queries(client, url))


# --- NSS: School Label decisions -------------------------------------------------------------------

@pytest.fixture
def school_application(window_tr, nss_tr):
    school, (t1, *_others) = eligible_school(nss_tr)
    return services.school_label_apply(user=t1, school_id=school.pk, **DECLARATION), t1


def test_nss_sees_the_declaration_and_rejects_with_a_reason(school_application, nss_tr):
    application, _t1 = school_application
    client = client_for(nss_tr)
    body = client.get("/school-label/decisions/").content.decode()
    assert "Our school supports eTwinning." in body and "Ayşe Yılmaz" in body
    before = db_state()
    response = client.post("/school-label/decisions/", {"application_id": application.pk, "decision": "reject"})
    assert response.status_code == 400 and 'data-code="reason_required"' in response.content.decode()
    assert db_state() == before
    assert client.post("/school-label/decisions/", {"application_id": application.pk, "decision": "reject",
                                                    "reason": "Too few projects."}).status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected" and application.decision_reason == "Too few projects."
    assert "Too few projects." in client.get("/school-label/decisions/").content.decode()


def test_nss_awards_the_school_label(school_application, nss_tr):
    application, _t1 = school_application
    assert client_for(nss_tr).post("/school-label/decisions/", {"application_id": application.pk,
                                                                 "decision": "award"}).status_code == 302
    assert Label.objects.filter(kind=LabelKind.SCHOOL, school=application.school).exists()


@pytest.mark.parametrize("who", ["nss_it", "teacher", "applicant"])
def test_school_label_decisions_out_of_scope(school_application, people, who):
    application, applicant = school_application
    user = applicant if who == "applicant" else people[who]
    client = client_for(user)
    before = db_state()
    response = client.post("/school-label/decisions/", {"application_id": application.pk, "decision": "award"})
    assert response.status_code == 404
    if who == "nss_it":
        assert "Our school supports eTwinning." not in client.get("/school-label/decisions/").content.decode()
    else:
        assert client.get("/school-label/decisions/").status_code == 404
    assert db_state() == before
    assert SchoolLabelApplication.objects.get(pk=application.pk).status == "pending"


def test_school_label_decisions_queries_do_not_grow(school_application, nss_tr):
    client = client_for(nss_tr)
    first = page_queries(client, "/school-label/decisions/")
    for n in range(3):
        school, (t, *_others) = eligible_school(nss_tr, school_number=f"SL-{n + 2}")
        services.school_label_apply(user=t, school_id=school.pk, principal_name="P",
                                    principal_declaration=f"Declaration {n}")
    assert_same_queries(first, page_queries(client, "/school-label/decisions/"))


# --- The project page and the menu -----------------------------------------------------------------

def test_project_page_shows_the_precheck_and_links_to_the_label_page(window_tr):
    ayse = teacher()
    project = european_project(ayse)
    body = client_for(ayse).get(f"/projects/{project.pk}/").content.decode()
    assert 'id="quality-label"' in body and "This would be your application number 1" in body
    assert f'href="/quality-label/projects/{project.pk}/"' in body and "Apply for the National Quality Label" in body
    assert 'id="eql-explanation"' not in body


def test_the_precheck_reads_the_teachers_facts_in_one_query(window_tr):
    """Applications this year, members from the country, already applied: one query on each project page."""
    ayse = teacher()
    project = european_project(ayse)
    project = Project.objects.prefetch_related("members").get(pk=project.pk)
    selectors.precheck_for(ayse, project)  # the window and policy are then in the shared cache, as on later pages
    with queries(exactly=1):
        check = selectors.precheck_for(ayse, project)
    assert (check.position, check.members_from_country, check.evaluable) == (1, 1, True)
    apply(ayse, project)
    check = selectors.precheck_for(ayse, project)
    assert check.position == 2 and not check.evaluable


def test_national_project_page_says_why_it_is_never_an_eql_candidate(window_tr):
    ayse = teacher()
    project = national_project(ayse)
    body = client_for(ayse).get(f"/projects/{project.pk}/").content.decode()
    explanation = selectors.project_eql_explanation(project)
    assert explanation.code == "national_project"
    assert 'id="eql-explanation"' in body and str(explanation.message).replace("'", "&#x27;") in body


def test_menu_links(window_tr, nss_tr, people):
    assert 'id="nav-quality-labels" ' not in client_for(None).get("/labels/verify/").content.decode()
    body = client_for(teacher()).get("/labels/mine/").content.decode()
    assert 'href="/labels/mine/" id="nav-quality-labels"' in body and "nav-evaluations" not in body
    body = client_for(nss_tr).get("/labels/mine/").content.decode()
    assert 'href="/quality-label/queue/" id="nav-evaluations"' in body and "nav-quality-labels" not in body
    body = client_for(people.css).get("/labels/mine/").content.decode()
    assert 'href="/quality-label/eql/" id="nav-evaluations"' in body


# --- Selectors for the dashboard and the help centre ----------------------------------------------

def test_applications_by_status_in_one_query(window_tr, nss_tr):
    ayse = teacher()
    for i in range(5):
        apply(ayse, european_project(ayse, title=f"P{i}"))
    someone = teacher()
    award(someone, european_project(someone, title="Awarded"), nss=nss_tr)
    with queries(exactly=1):
        rows = selectors.applications_by_status(countries={"TR"})
    counts = {r["status"]: r["count"] for r in rows}
    assert counts == {"queued": 4, "in_evaluation": 0, "not_evaluated_over_yearly_limit": 1,
                      "not_evaluated_too_many_members": 0, "awarded": 1, "rejected": 0}
    assert rows[0]["label"] == "Waiting for an evaluator"
    assert all(r["count"] == 0 for r in selectors.applications_by_status(countries={"IT"}))
    assert sum(r["count"] for r in selectors.applications_by_status(countries=None)) == 6
    with translation.override("tr"):
        assert selectors.applications_by_status(countries=None)[4]["label"] == "Verildi"


def test_not_evaluated_applications_explained_in_english_and_turkish(window_tr):
    ayse = teacher()
    for i in range(4):
        apply(ayse, european_project(ayse, title=f"P{i}"))
    fifth = apply(ayse, european_project(ayse, title="Fifth"))
    # 11 members from Türkiye: the founder and ten members, one of them the applicant.
    crowded_applicant = teacher()
    crowded = european_project(ayse, members=[crowded_applicant, *(teacher() for _ in range(9))], title="Crowded")
    too_many = apply(crowded_applicant, crowded)
    assert fifth.evaluation_status == "not_evaluated_over_yearly_limit"
    assert too_many.evaluation_status == "not_evaluated_too_many_members"
    year = fifth.year

    [(application, reasons)] = selectors.not_evaluated_applications_of(ayse)
    assert application.pk == fifth.pk and [r.code for r in reasons] == ["over_yearly_limit"]
    assert str(reasons[0].message) == (f"This was your 5th application in {year}: only the first 4 are "
                                       "evaluated.")
    [(application, reasons)] = selectors.not_evaluated_applications_of(crowded_applicant)
    assert str(reasons[0].message) == ("This project has 11 members from Türkiye (limit 10): the application "
                                       "was not evaluated.")
    with translation.override("tr"):
        [(_a, reasons)] = selectors.not_evaluated_applications_of(ayse)
        assert str(reasons[0].message) == (f"Bu, {year} yılındaki 5. başvurunuzdu: yalnızca ilk 4 başvuru "
                                           "değerlendirilir.")
        [(_a, reasons)] = selectors.not_evaluated_applications_of(crowded_applicant)
        assert str(reasons[0].message) == ("Bu projenin Türkiye ülkesinden 11 üyesi var (sınır 10): başvuru "
                                           "değerlendirilmedi.")
    body = client_for(ayse).get("/labels/mine/").content.decode()
    assert 'id="not-evaluated"' in body and f"This was your 5th application in {year}" in body
    assert selectors.not_evaluated_applications_of(teacher()) == []
