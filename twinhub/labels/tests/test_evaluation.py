"""Evaluation by the NSS of the applicant's country: assignment, scores, thresholds, conflicts, queue."""

from datetime import date, timedelta

import pytest

from twinhub.core.models import Notification
from twinhub.labels.codes import LabelNotice
from twinhub.labels.models import Label, LabelKind
from twinhub.staff.services import staff_role_grant
from twinhub.testing import assert_refused, client_for, db_state, make_staff, queries
from twinhub.testing.labels import GOOD_SCORES, apply, european_project, open_window
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(window_tr):
    user = teacher()
    return apply(user, european_project(user, title="Stories across the sea"))


def evaluate(api, actor, application, scores=GOOD_SCORES, decision="award", feedback="Well done."):
    return api(actor).post(f"/quality-label/applications/{application.pk}/evaluation",
                           {"scores": scores, "feedback": feedback, "decision": decision})


def test_nss_evaluator_awards_and_the_teacher_gets_a_label(application, nss_tr, api):
    response = evaluate(api, nss_tr, application)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["evaluation_status"] == "awarded" and body["total"] == 37 and body["label_verification_code"]
    label = Label.objects.get(application=application)
    assert (label.kind, label.holder_id, label.country, label.project_id) == (
        LabelKind.NQL, application.applicant_id, "TR", application.project_id)
    assert Notification.objects.filter(user=application.applicant, kind=LabelNotice.APPLICATION_DECIDED).exists()
    teacher_view = api(application.applicant).get(f"/quality-label/applications/{application.pk}").json()
    assert teacher_view["feedback"] == "Well done." and teacher_view["scores"]["safety"] == 4


def test_reject_keeps_scores_and_feedback_without_a_label(application, nss_tr, api):
    body = evaluate(api, nss_tr, application, decision="reject", feedback="More pupil work.").json()
    assert body["evaluation_status"] == "rejected" and body["feedback"] == "More pupil work."
    assert not Label.objects.exists()


def test_award_below_a_sub_criterion_minimum_is_refused(application, nss_tr, api):
    before = db_state()
    body = assert_refused(evaluate(api, nss_tr, application, scores={**GOOD_SCORES, "safety": 1}),
                          "below_minimum", 409)
    assert "GDPR" in body["message"]
    assert db_state() == before


def test_scores_out_of_scale_are_refused(application, nss_tr, api):
    before = db_state()
    assert_refused(evaluate(api, nss_tr, application, scores={**GOOD_SCORES, "pedagogy": 12}), "invalid_scores", 400)
    assert db_state() == before


@pytest.mark.parametrize("role", ["nss_it", "teacher", "applicant"])
def test_others_cannot_evaluate(role, application, people, api):
    actor = application.applicant if role == "applicant" else people[role]
    before = db_state()
    response = evaluate(api, actor, application)
    if role == "applicant":
        assert_refused(response, "forbidden", 403)  # sees the application, cannot evaluate it
    else:
        assert_refused(response, "not_found", 404)
    assert db_state() == before


def test_an_evaluator_who_is_a_project_member_cannot_evaluate(window_tr, people, api):
    css = people.css
    member_nss = teacher()
    staff_role_grant(manager=css, email=member_nss.email, kind="nss", country="TR")
    applicant = teacher()
    project = european_project(applicant, members=[member_nss])
    application = apply(applicant, project)
    before = db_state()
    body = assert_refused(evaluate(api, member_nss, application), "conflict_of_interest", 409)
    assert body["who_must_act"]
    assert db_state() == before
    # Nor can a colleague assign it to them.
    colleague = make_staff("nss", country="TR")
    before = db_state()
    assert_refused(api(colleague).post(f"/quality-label/applications/{application.pk}/assign",
                                       {"evaluator_id": member_nss.pk}), "conflict_of_interest", 409)
    assert db_state() == before
    # The page explains it instead of showing the form.
    client = client_for(member_nss)
    html = client.get(f"/quality-label/applications/{application.pk}/").content.decode()
    assert 'data-code="conflict_of_interest"' in html and 'id="evaluation-form"' not in html


def test_not_evaluated_applications_cannot_be_evaluated(window_tr, nss_tr, api):
    user = teacher()
    apps = [apply(user, european_project(user, title=f"P{i}")) for i in range(5)]
    before = db_state()
    assert_refused(evaluate(api, nss_tr, apps[4]), "already_decided", 409)
    assert db_state() == before


def test_assignment_with_deadline_and_queue(application, nss_tr, api):
    colleague = make_staff("nss", country="TR")
    deadline = date.today() + timedelta(days=14)
    body = api(nss_tr).post(f"/quality-label/applications/{application.pk}/assign",
                            {"evaluator_id": colleague.pk, "deadline": deadline.isoformat()}).json()
    assert body["evaluation_status"] == "in_evaluation" and body["evaluator_id"] == colleague.pk
    assert Notification.objects.filter(user=colleague, kind=LabelNotice.APPLICATION_ASSIGNED).exists()
    queue = api(colleague).get("/quality-label/queue").json()
    assert [i["id"] for i in queue["items"]] == [application.pk]
    assert queue["items"][0]["deadline"] == deadline.isoformat() and queue["items"][0]["overdue"] is False
    assert queue["progress"]["pending"] == 1 and queue["progress"]["unassigned"] == 0
    evaluate(api, colleague, application)
    assert api(colleague).get("/quality-label/queue").json()["progress"]["decided"] == 1


def test_assigning_to_someone_outside_the_nss_is_refused(application, nss_tr, people, api):
    nss_it = people.nss_it
    before = db_state()
    assert_refused(api(nss_tr).post(f"/quality-label/applications/{application.pk}/assign",
                                    {"evaluator_id": nss_it.pk}), "forbidden", 403)
    assert db_state() == before


def test_queue_is_only_for_evaluators(api):
    assert_refused(api(teacher()).get("/quality-label/queue"), "forbidden", 403)
    client = client_for(teacher())
    assert client.get("/quality-label/queue/").status_code == 404


def test_queue_shows_only_the_evaluators_country(window_tr, nss_tr, api):
    open_window("IT")
    it_teacher = teacher("IT")
    apply(it_teacher, european_project(it_teacher, country="IT", partner_country="TR"))
    tr_teacher = teacher()
    tr_app = apply(tr_teacher, european_project(tr_teacher))
    assert [i["id"] for i in api(nss_tr).get("/quality-label/queue").json()["items"]] == [tr_app.pk]


def _add_applications(n):
    for _ in range(n):
        user = teacher()
        apply(user, european_project(user))


def test_queue_page_queries_do_not_grow(window_tr, nss_tr):
    client = client_for(nss_tr)
    _add_applications(2)
    with queries(at_most=12) as small:
        assert client.get("/quality-label/queue/").status_code == 200
    _add_applications(6)
    with queries(at_most=len(small)):
        page = client.get("/quality-label/queue/")
    assert page.content.decode().count("/quality-label/applications/") == 8


def test_application_page_queries_do_not_grow(window_tr, nss_tr):
    client = client_for(nss_tr)
    small_user = teacher()
    small = apply(small_user, european_project(small_user))
    big_user = teacher()
    big = apply(big_user, european_project(big_user, members=[teacher() for _ in range(5)]))
    for _ in range(3):
        make_staff("nss", country="TR")
    with queries(at_most=14) as first:
        assert client.get(f"/quality-label/applications/{small.pk}/").status_code == 200
    with queries(at_most=len(first)):
        assert client.get(f"/quality-label/applications/{big.pk}/").status_code == 200


def test_evaluator_awards_through_the_page(application, nss_tr):
    client = client_for(nss_tr)
    response = client.post(f"/quality-label/applications/{application.pk}/",
                           {"action": "evaluate", "decision": "award", "feedback": "Good", **GOOD_SCORES})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.evaluation_status == "awarded" and application.total == 37
