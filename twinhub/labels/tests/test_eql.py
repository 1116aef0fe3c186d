"""The European Quality Label selection on a constructed example."""

import pytest

from twinhub.labels.models import Label, LabelKind
from twinhub.testing import assert_refused, db_state
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db


def test_eql_selection(example, api):
    nss, css, p, year = example["nss"], example["css"], example["projects"], example["year"]
    assert p["P3"].scope == "national"

    # Nothing can be nominated before CSS opens the selection.
    assert_refused(api(nss["TR"]).post(f"/quality-label/eql/{year}/nominations",
                                       {"project_id": p["P1"].pk, "country": "TR"}), "selection_closed", 409)
    # NSS cannot open it.
    assert_refused(api(nss["TR"]).post(f"/quality-label/eql/{year}/start"), "forbidden", 403)
    overview = api(css).post(f"/quality-label/eql/{year}/start").json()
    assert overview["quotas"] == {"TR": 1, "IT": 1}
    by_title = {e["title"]: e for e in overview["projects"]}
    assert {t for t, e in by_title.items() if e["candidate"]} == {"P1", "P4", "P5"}
    assert by_title["P2"]["reason"]["code"] == "not_candidate"
    assert by_title["P3"]["reason"]["code"] == "national_project"
    assert by_title["P1"]["average"] == 39 and by_title["P4"]["average"] == 18

    def nominate(country, name):
        return api(nss[country]).post(f"/quality-label/eql/{year}/nominations",
                                      {"project_id": p[name].pk, "country": country})

    before = db_state()
    assert_refused(nominate("TR", "P3"), "national_project", 409)
    assert_refused(nominate("TR", "P2"), "not_candidate", 409)
    assert_refused(nominate("TR", "P4"), "below_threshold", 409)
    assert_refused(nominate("ES", "P1"), "no_country_nql", 409)
    assert db_state() == before
    assert nominate("TR", "P1").status_code == 200
    assert_refused(nominate("TR", "P5"), "quota_reached", 409)
    assert nominate("IT", "P5").status_code == 200
    # An NSS nominates for its own country only.
    assert_refused(api(nss["IT"]).post(f"/quality-label/eql/{year}/nominations",
                                       {"project_id": p["P1"].pk, "country": "TR"}), "forbidden", 403)

    assert_refused(api(nss["TR"]).post(f"/quality-label/eql/{year}/confirm"), "forbidden", 403)
    assert api(css).post(f"/quality-label/eql/{year}/confirm").json()["state"] == "confirmed"
    eql = Label.objects.filter(kind=LabelKind.EQL)
    nql_holders = set(Label.objects.filter(kind=LabelKind.NQL, project__in=[p["P1"], p["P5"]])
                      .values_list("holder_id", "project_id"))
    assert set(eql.values_list("holder_id", "project_id")) == nql_holders and len(nql_holders) == 4
    assert set(eql.values_list("country", flat=True)) == {"TR", "IT"}
    # Confirmed once: nominating or confirming again is refused.
    assert_refused(api(css).post(f"/quality-label/eql/{year}/confirm"), "selection_closed", 409)


def test_teachers_do_not_see_the_selection(example, api):
    assert_refused(api(teacher()).get(f"/quality-label/eql/{example['year']}"), "not_found", 404)


def test_the_selection_reads_its_settings_when_asked(example, settings, api):
    """The share and the threshold are settings, read at each request (not when the code loads)."""
    settings.LABELS_EQL_NOMINATION_SHARE = 50
    settings.LABELS_EQL_MIN_AVERAGE = 36
    overview = api(example["css"]).post(f"/quality-label/eql/{example['year']}/start").json()
    assert overview["quotas"] == {"TR": 2, "IT": 2}  # half of five and of four, rounded down
    p5 = example["projects"]["P5"]  # average 35: enough by default, not with a threshold of 36
    assert_refused(api(example["nss"]["IT"]).post(f"/quality-label/eql/{example['year']}/nominations",
                                                  {"project_id": p5.pk, "country": "IT"}), "below_threshold", 409)
