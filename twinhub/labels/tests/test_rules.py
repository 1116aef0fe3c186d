"""Each rule of the labels, on plain values."""

from datetime import date, datetime, timedelta

from django.utils import translation

from twinhub.labels import rules

BASE = dict(is_member=True, project_started=True, already_applied=False, scope="european",
            policy=rules.Policy(), country="TR", window_open=True, next_opening=None, position_in_year=1,
            year=2026, members_from_country=2)


def codes(**changes):
    return [r.code for r in rules.application_evaluability(**{**BASE, **changes})]


def test_an_ordinary_application_is_evaluable():
    assert codes() == []
    assert rules.evaluation_status_for([]) == "queued"


def test_the_fifth_application_of_a_year_is_not_evaluated():
    assert codes(position_in_year=4) == []
    reasons = rules.application_evaluability(**{**BASE, "position_in_year": 5})
    assert [r.code for r in reasons] == ["over_yearly_limit"]
    assert "This would be your 5th application in 2026: it will not be evaluated" in reasons[0].message
    assert rules.submission_refusal(reasons) is None
    assert rules.evaluation_status_for(reasons) == "not_evaluated_over_yearly_limit"


def test_the_yearly_limit_follows_the_policy():
    assert codes(position_in_year=3, policy=rules.Policy(max_applications_per_year=2)) == ["over_yearly_limit"]


def test_too_many_members_from_the_country():
    tr = rules.default_policy("TR")
    assert tr.max_members_from_country == 10 and rules.default_policy("IT").max_members_from_country is None
    assert codes(policy=tr, members_from_country=10) == []
    reasons = rules.application_evaluability(**{**BASE, "policy": tr, "members_from_country": 11})
    assert "This project has 11 members from Türkiye" in reasons[0].message
    assert rules.evaluation_status_for(reasons) == "not_evaluated_too_many_members"
    assert codes(policy=rules.default_policy("IT"), members_from_country=50) == []


def test_over_the_limit_and_too_many_members_reads_as_over_the_limit():
    reasons = rules.application_evaluability(**{**BASE, "policy": rules.default_policy("TR"),
                                                "members_from_country": 12, "position_in_year": 6})
    assert [r.code for r in reasons] == ["over_yearly_limit", "too_many_members_from_country"]
    assert rules.evaluation_status_for(reasons) == "not_evaluated_over_yearly_limit"


def test_blocking_reasons_stop_submission():
    assert codes(is_member=False) == ["not_member"]
    assert codes(project_started=False) == ["project_not_started"]
    assert codes(already_applied=True) == ["already_applied"]
    assert codes(scope="national", policy=rules.Policy(national_projects_allowed=False)) == ["national_not_allowed"]
    assert codes(scope="national") == []
    for change in ({"is_member": False}, {"already_applied": True}, {"window_open": False}):
        assert rules.submission_refusal(rules.application_evaluability(**{**BASE, **change})) is not None


def test_outside_a_window_the_next_opening_is_named():
    reasons = rules.application_evaluability(**{**BASE, "window_open": False, "next_opening": date(2026, 9, 1)})
    assert reasons[0].code == "window_closed"
    assert "opens on" in reasons[0].message and "2026" in reasons[0].message
    none_planned = rules.window_refusal(window_open=False, next_opening=None, country="TR")
    assert "no application window has been announced" in none_planned.message


def test_messages_are_turkish_for_a_turkish_reader():
    with translation.override("tr"):
        reasons = rules.application_evaluability(**{**BASE, "position_in_year": 5})
    assert "değerlendirilmeyecek" in reasons[0].message


def test_window_dates():
    assert rules.window_refusal_for_dates(year=2026, opens_on=date(2026, 3, 1), closes_on=date(2026, 4, 1)) is None
    assert rules.window_refusal_for_dates(year=2026, opens_on=date(2026, 4, 1), closes_on=date(2026, 3, 1))
    assert rules.window_refusal_for_dates(year=2026, opens_on=date(2025, 12, 1), closes_on=date(2026, 3, 1))


def test_policy_values():
    assert rules.policy_values_refusal(max_applications_per_year=4, max_members_from_country=None) is None
    assert rules.policy_values_refusal(max_applications_per_year=0, max_members_from_country=None).code == "invalid"
    assert rules.policy_values_refusal(max_applications_per_year=4, max_members_from_country=0).code == "invalid"


GOOD = {"pedagogy": 8, "curriculum": 7, "collaboration": 9, "technology": 6, "results": 7,
        "pupil_collaboration": 3, "digital_tools": 2, "safety": 4}


def test_scores_within_the_scale_and_thresholds():
    assert rules.scores_refusal(GOOD) is None and rules.total_score(GOOD) == 37
    assert rules.scores_refusal({**GOOD, "pedagogy": 11}).code == "invalid_scores"
    assert rules.scores_refusal({**GOOD, "safety": 5}).code == "invalid_scores"
    assert rules.scores_refusal({k: v for k, v in GOOD.items() if k != "results"}).code == "invalid_scores"
    assert rules.award_refusal(GOOD) is None
    low = rules.award_refusal({**GOOD, "digital_tools": 1})
    assert low.code == "below_minimum" and "Use of digital tools" in low.message


def test_evaluator_conflicts():
    assert rules.evaluator_refusal(is_nss_of_country=True, is_project_member=False, status="queued") is None
    assert rules.evaluator_refusal(is_nss_of_country=False, is_project_member=False, status="queued").code == "forbidden"
    assert rules.evaluator_refusal(is_nss_of_country=True, is_project_member=True,
                                   status="queued").code == "conflict_of_interest"
    for status in ("awarded", "rejected", "not_evaluated_over_yearly_limit", "not_evaluated_too_many_members"):
        assert rules.evaluator_refusal(is_nss_of_country=True, is_project_member=False,
                                       status=status).code == "already_decided"


def test_eql_candidacy():
    national = rules.eql_candidacy_refusal(scope="national", founder_countries=["TR", "TR"],
                                           nql_countries=["TR", "IT", "ES"], year=2026)
    assert national.code == "national_project" and "never be nominated" in national.message
    assert rules.eql_candidacy_refusal(scope="european", founder_countries=["TR", "IT"], nql_countries=["TR"],
                                       year=2026).code == "not_candidate"
    assert rules.eql_candidacy_refusal(scope="european", founder_countries=["TR", "IT"],
                                       nql_countries=["TR", "IT"], year=2026) is None


def test_nomination_quota_and_threshold():
    assert [rules.nomination_quota(n, 25) for n in (0, 3, 4, 8, 9)] == [0, 0, 1, 2, 2]
    ok = dict(candidacy=None, has_country_nql=True, average=30.0, threshold=20, nominated_so_far=0, quota=1,
              selection_open=True)
    assert rules.nomination_refusal(**ok) is None
    assert rules.nomination_refusal(**{**ok, "average": 20.0}).code == "below_threshold"
    assert rules.nomination_refusal(**{**ok, "nominated_so_far": 1}).code == "quota_reached"
    assert rules.nomination_refusal(**{**ok, "has_country_nql": False}).code == "no_country_nql"
    assert rules.nomination_refusal(**{**ok, "selection_open": False}).code == "selection_closed"


def test_school_label_eligibility():
    now = datetime(2026, 6, 1)
    old = now - timedelta(days=800)
    assert rules.school_label_reasons(registered_at=old, now=now, active_teachers=3, european_nql_projects=1) == []
    codes_ = [r.code for r in rules.school_label_reasons(registered_at=now - timedelta(days=700), now=now,
                                                         active_teachers=2, european_nql_projects=0)]
    assert codes_ == ["school_too_new", "too_few_active_teachers", "no_european_nql"]
