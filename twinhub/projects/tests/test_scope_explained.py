"""Rule 2 says itself why a project is national or European, once: the project page, the API,
the help centre and the European Quality Label all show the rule's own words."""

import pytest

from twinhub.helpcentre.diagnostics import diagnose
from twinhub.labels.rules import eql_candidacy_refusal
from twinhub.projects import rules
from twinhub.testing import ApiClient, client_for, make_teacher
from twinhub.testing.projects import make_project


def test_the_rule_explains_both_scopes_and_refuses_only_national_projects():
    national = rules.national_project_refusal(scope="national", founder_countries=["TR", "TR"])
    assert national.code == "national_project" and national.who_must_act and national.next_step
    assert national.message == rules.scope_explanation(scope="national", founder_countries=["TR", "TR"])
    assert rules.national_project_refusal(scope="european", founder_countries=["TR", "IT"]) is None
    assert rules.national_project_refusal(scope="", founder_countries=[]) is None
    assert "European project" in rules.scope_explanation(scope="european", founder_countries=["TR", "IT"])
    assert rules.scope_explanation(scope="", founder_countries=[]) == ""
    assert eql_candidacy_refusal(scope="national", founder_countries=["TR", "TR"], nql_countries=["TR", "IT"],
                                 year=2026) == national


@pytest.mark.django_db
@pytest.mark.parametrize("countries", [("TR", "TR"), ("TR", "IT")])
def test_page_api_and_help_centre_show_the_rules_words(countries):
    founder = make_teacher(country=countries[0], available=True)
    project = make_project(founder=founder, cofounder=make_teacher(country=countries[1], available=True))
    words = rules.scope_explanation(scope=project.scope, founder_countries=project.founder_countries)
    browser = client_for(founder)
    assert words and words in browser.get(f"/projects/{project.pk}/").content.decode().replace("&#x27;", "'")
    assert ApiClient(founder).get(f"/projects/{project.pk}").json()["scope_explanation"] == words
    national = [f for f in diagnose(founder) if f.topic == "national-project"]
    refusal = rules.national_project_refusal(scope=project.scope, founder_countries=project.founder_countries)
    assert [f.refusal for f in national] == ([refusal] if refusal else [])
