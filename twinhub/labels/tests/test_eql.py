"""The European Quality Label selection on a constructed example."""

import pytest
from django.utils import timezone

from twinhub.core.testing import assert_refused, make_staff
from twinhub.labels import services
from twinhub.labels.models import Label, LabelKind
from twinhub.labels.tests.conftest import GOOD_SCORES, apply, db_state, open_window, teacher
from twinhub.projects.testing import make_project

pytestmark = pytest.mark.django_db


def scores_for(total: int) -> dict:
    """Five criteria adding up to `total`, sub-criteria above their minimum."""
    base, extra = divmod(total, 5)
    return {**GOOD_SCORES, **{k: base + (1 if i < extra else 0)
                              for i, k in enumerate(["pedagogy", "curriculum", "collaboration", "technology",
                                                     "results"])}}


@pytest.fixture
def example(db):
    """TR has five NQL projects (quota 1 at 25%), IT four (quota 1); ES none.

    P1 european TR+IT, NQLs in TR (40) and IT (38): candidate, average 39.
    P2 european TR+ES, NQL in TR only: not a candidate.
    P3 national (TR founders, an IT member), NQLs in TR and IT: never a candidate.
    P4 european TR+IT, NQLs in TR and IT, average 18: below the 20-point threshold.
    P5 european TR+IT, NQLs in TR and IT, average 35: candidate.
    """
    nss = {c: make_staff("nss", country=c) for c in ("TR", "IT", "ES")}
    for country, staff in nss.items():
        open_window(country, staff)

    def project(title, a_country, b_country, totals, extra_members=()):
        a, b = teacher(a_country), teacher(b_country)
        p = make_project(founder=a, cofounder=b, members=extra_members, title=title)
        holders = [a, b] if not extra_members else [a, extra_members[0]]
        for holder, total in zip(holders, totals, strict=False):
            application = apply(holder, p)
            services.application_evaluate(actor=nss[application.country], application_id=application.pk,
                                          scores=scores_for(total), feedback="", award=True)
        return p

    it_member = teacher("IT")
    projects = {
        "P1": project("P1", "TR", "IT", [40, 38]),
        "P2": project("P2", "TR", "ES", [42]),
        "P3": project("P3", "TR", "TR", [45, 45], extra_members=[it_member]),
        "P4": project("P4", "TR", "IT", [18, 18]),
        "P5": project("P5", "TR", "IT", [36, 34]),
    }
    return {"nss": nss, "css": make_staff("css"), "projects": projects, "year": timezone.localdate().year}


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
