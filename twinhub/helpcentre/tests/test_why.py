""""Why can't I…?": each situation is built through the real services and the answer shown is
the enforcing rule's own words (in English and Turkish)."""

import pytest

from twinhub.accounts.provisioning import verified_user
from twinhub.helpcentre.diagnostics import diagnose
from twinhub.projects.selectors import invite_candidates
from twinhub.testing import client_for, make_staff, make_teacher, queries
from twinhub.testing.projects import make_project

pytestmark = pytest.mark.django_db


def _findings(user, topic):
    return [f for f in diagnose(user) if f.topic == topic]


def _page(user, language="en"):
    client = client_for(user, language=language)
    return client.get("/help/why/").content.decode()


def test_pending_membership_names_the_coordinator():
    coordinator = make_staff("coordinator", country="TR", region="TR-34")
    teacher = make_teacher(country="TR", region="TR-34", approved=False)
    [finding] = _findings(teacher, "membership-pending")
    assert finding.refusal.code == "membership_pending"
    assert "İstanbul (TR-34)" in finding.refusal.who_must_act
    assert coordinator.email in _page(teacher)
    assert "onay bekliyor" in _page(teacher, "tr")


def test_account_without_profile_is_sent_to_join():
    user = verified_user(email="new@test.example", password="x")
    [finding] = _findings(user, "not-etwinner")
    assert "Join eTwinning" in finding.refusal.next_step


def test_approved_teacher_has_no_membership_problem():
    teacher = make_teacher(approved=True)
    [finding] = _findings(teacher, "not-etwinner")
    assert finding.refusal is None and "you are an eTwinner" in finding.fine


def test_not_available_teacher_is_told_nobody_can_invite_them():
    teacher = make_teacher(available=False)
    [finding] = [f for f in _findings(teacher, "invite-list") if f.refusal]
    assert finding.refusal.code == "not_available"
    assert "profile" in finding.refusal.next_step
    assert "eTwinning projeleri için uygun" in _page(teacher, "tr")


def test_contacts_missing_from_the_invite_list_are_listed_with_the_rule_reason():
    founder = make_teacher(country="TR", available=True)
    cofounder = make_teacher(country="IT", region="", available=True)
    project = make_project(founder=founder, cofounder=cofounder)
    shy = make_teacher(country="FR", available=False, name="Claire Shy")
    from twinhub.testing.projects import make_contacts

    make_contacts(founder, shy)
    [finding] = [f for f in _findings(founder, "invite-list") if f.details]
    assert project.title in finding.question
    expected = {c.user.display_name: str(c.refusal.message) for c in invite_candidates(founder, project) if c.refusal}
    assert finding.details == [f"Claire Shy: {expected['Claire Shy']}"]


def test_national_project_is_explained():
    founder = make_teacher(country="TR", region="TR-06", available=True)
    cofounder = make_teacher(country="TR", region="TR-34", available=True)
    project = make_project(founder=founder, cofounder=cofounder)
    assert project.scope == "national"
    [finding] = _findings(founder, "national-project")
    assert "European Quality Label" in finding.refusal.message and "Türkiye" in finding.refusal.message
    assert "Avrupa Kalite Etiketi" in _page(founder, "tr")


def test_european_project_is_not_listed():
    founder = make_teacher(country="TR", available=True)
    cofounder = make_teacher(country="PL", region="", available=True)
    make_project(founder=founder, cofounder=cofounder)
    assert _findings(founder, "national-project") == []


def test_page_query_count_does_not_grow_with_projects():
    founder = make_teacher(country="TR", available=True)
    for i in range(3):
        make_project(founder=founder, cofounder=make_teacher(country="TR", available=True), title=f"P{i}")
    client = client_for(founder)
    client.get("/help/why/")
    with queries(at_most=60):
        assert client.get("/help/why/").status_code == 200


def test_quality_label_over_the_yearly_limit_is_explained_with_the_counts():
    from datetime import date, timedelta

    from twinhub.labels import services as label_services
    from twinhub.labels.rules import CRITERIA

    nss = make_staff("nss", country="TR")
    today = date.today()
    label_services.window_create(actor=nss, country="TR", year=today.year, opens_on=date(today.year, 1, 1),
                                 closes_on=date(today.year, 12, 31))
    teacher = make_teacher(country="TR", available=True)
    texts = {key: "We worked together." for key in CRITERIA}
    for i in range(5):
        project = make_project(founder=teacher, cofounder=make_teacher(country="IT", region="", available=True),
                               title=f"Project {i}", planned_start=today - timedelta(days=60))
        label_services.application_submit(user=teacher, project_id=project.pk, texts=texts,
                                          evidence_links=["https://example.org/e"])
    [finding] = _findings(teacher, "quality-label")
    assert "Project 4" in finding.question
    assert finding.refusal.code == "over_yearly_limit"
    assert "5th" in finding.refusal.message and "4" in finding.refusal.message


def test_why_cant_i_add_a_pending_teacher_names_them_and_their_coordinator():
    coordinator = make_staff("coordinator", country="TR", region="TR-35")
    me = make_teacher(country="TR", region="TR-06")
    other = make_teacher(country="TR", region="TR-35", approved=False, name="Zeynep Kaya")
    client = client_for(me)
    card = client.get(f"/teachers/{other.pk}/").content.decode()
    assert f"/help/why/?person={other.pk}" in card  # the refusal links to its full answer
    page = client.get("/help/why/", {"person": other.pk}).content.decode()
    assert "Why can&#x27;t I add Zeynep Kaya as a contact?" in page
    assert "İzmir (TR-35)" in page and coordinator.email in page
    [finding] = [f for f in diagnose(me, about=other) if f.topic == "contact-add"]
    from twinhub.contacts.selectors import contact_request_check

    assert finding.refusal == contact_request_check(me, other)
