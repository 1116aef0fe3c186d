"""The project gallery (labelled projects shown while every founder agrees) and kits (plans by
NSS/CSS that fill the new project form), as permission matrices and through the pages."""

import pytest
from django.test import Client

from twinhub.events import rules, selectors, services
from twinhub.events.models import Kit
from twinhub.projects.models import Project
from twinhub.testing import ApiClient, assert_refused, assert_same_queries, client_for, db_state, page_queries
from twinhub.testing.labels import award, european_project, open_window
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def labelled(people):
    """A European project with a National Quality Label; its two founders have not agreed yet."""
    founder, member = teacher("TR", name="Founder Fatma"), teacher("TR", name="Member Mehmet")
    project = european_project(founder, members=[member], title="Bridges of friendship")
    open_window("TR", people.nss_tr)
    award(founder, project, nss=people.nss_tr)
    return {"project": project, "founder": founder, "cofounder": project.cofounder, "member": member}


def _listed(project) -> bool:
    return Project.objects.filter(selectors.gallery_q(), pk=project.pk).exists()


def _agree(*users, project):
    for user in users:
        services.gallery_consent_give(user=user, project_id=project.pk)


def test_shown_only_while_every_founder_agrees(labelled):
    project, founder, cofounder = labelled["project"], labelled["founder"], labelled["cofounder"]
    assert not _listed(project)
    _agree(founder, project=project)
    assert not _listed(project)
    assert Client().get(f"/gallery/{project.pk}/").status_code == 404
    _agree(cofounder, project=project)
    assert _listed(project)
    page = Client().get("/gallery/").content.decode()
    assert "Bridges of friendship" in page and "National Quality Label" in page
    assert Client().get(f"/gallery/{project.pk}/").status_code == 200
    services.gallery_consent_withdraw(user=cofounder, project_id=project.pk)
    assert not _listed(project)
    assert "Bridges of friendship" not in Client().get("/gallery/").content.decode()


def test_the_database_filter_says_what_the_rule_says(labelled, people):
    project, founder, cofounder = labelled["project"], labelled["founder"], labelled["cofounder"]
    unlabelled = european_project(teacher("TR"), title="No label yet")
    for agreeing in [(), (founder,), (cofounder,), (founder, cofounder)]:
        for p in (project, unlabelled):
            services.GalleryConsent.objects.filter(project=p).delete()
            for user in agreeing:
                services.GalleryConsent.objects.create(project=p, user=user)
            expected = rules.gallery_listed(holds_label=selectors.holds_label(p), founder_ids=selectors.founder_ids(p),
                                            consenting_ids=selectors.consenting_ids(p))
            assert _listed(p) is expected


# role × action: the status, and the refusal code (a refusal changes nothing)
@pytest.mark.parametrize("role, status, code", [
    ("founder", 200, None), ("cofounder", 200, None),
    ("member", 403, "gallery_not_founder"),
    ("teacher_pl", 404, "not_found"), ("nss_tr", 404, "not_found"), ("css", 404, "not_found"),
])
def test_who_agrees_and_withdraws(people, labelled, role, status, code):
    user = labelled.get(role) or people[role]
    api = ApiClient(user)
    project = labelled["project"]
    for call in (lambda: api.post(f"/projects/{project.pk}/gallery-consent"),
                 lambda: api.delete(f"/projects/{project.pk}/gallery-consent"),
                 lambda: api.client.put(f"/api/v1/projects/{project.pk}/gallery-entry", data='{"summary": "x"}',
                                        content_type="application/json", headers=api.headers)):
        before = db_state()
        response = call()
        assert response.status_code == status, response.json()
        if code:
            assert_refused(response, code, status)
            assert db_state() == before


def test_a_project_without_a_label_cannot_be_offered(people):
    founder = teacher("TR")
    project = european_project(founder)
    api = ApiClient(founder)
    before = db_state()
    assert_refused(api.post(f"/projects/{project.pk}/gallery-consent"), "gallery_no_label", 409)
    assert db_state() == before


def test_only_public_pages_of_the_project_are_chosen(labelled):
    from twinhub.twinspace import services as twinspace

    project, founder = labelled["project"], labelled["founder"]
    public = twinspace.page_create(project_id=project.pk, user=founder, pupil=None, title="Our results",
                                 body_html="<p>Results</p>", is_public=True)
    private = twinspace.page_create(project_id=project.pk, user=founder, pupil=None, title="Plans",
                                  body_html="<p>x</p>", is_public=False)
    api = ApiClient(founder)
    before = db_state()
    response = api.client.put(f"/api/v1/projects/{project.pk}/gallery-entry", content_type="application/json",
                              data=f'{{"summary": "s", "page_ids": [{private.pk}]}}', headers=api.headers)
    assert_refused(response, "invalid_event", 400)
    assert db_state() == before
    _agree(founder, labelled["cofounder"], project=project)
    services.gallery_entry_save(user=founder, project_id=project.pk, summary="What we did", cover_id=None,
                                page_ids=[public.pk])
    body = Client().get(f"/gallery/{project.pk}/").content.decode()
    assert "What we did" in body and "Our results" in body and "Plans" not in body


def test_the_gallery_page_does_not_grow_with_projects(people, labelled):
    _agree(labelled["founder"], labelled["cofounder"], project=labelled["project"])
    client = Client()
    few = page_queries(client, "/gallery/")
    for n in range(3):
        founder = teacher("TR")
        project = european_project(founder, title=f"Project {n}")
        award(founder, project, nss=people.nss_tr)
        _agree(founder, project.cofounder, project=project)
    many = page_queries(client, "/gallery/")
    assert many.response.content.decode().count('class="card gallery-card"') == 4
    assert_same_queries(few, many)


# --- Kits --------------------------------------------------------------------------------------------

KIT = {"title_en": "Our water", "title_tr": "Suyumuz", "aims_en": "Save water.", "aims_tr": "Su tasarrufu.",
       "weeks": [{"en": "Measure the water you use.", "tr": "Kullandığınız suyu ölçün."},
                 {"en": "Compare with partners.", "tr": "Ortaklarınızla karşılaştırın."}],
       "subjects": ["science"], "age_ranges": ["11-14"], "country": "TR"}


@pytest.mark.parametrize("role, country, status, code", [
    ("nss_tr", "TR", 201, None), ("css", "", 201, None), ("css", "TR", 201, None),
    ("nss_it", "TR", 403, "event_cannot_organise"), ("nss_tr", "", 403, "event_cannot_organise"),
    ("teacher", "TR", 403, "event_cannot_organise"), ("coordinator", "TR", 403, "event_cannot_organise"),
])
def test_who_writes_kits(people, role, country, status, code):
    api = ApiClient(people[role])
    before = db_state()
    response = api.post("/kits", {**KIT, "country": country})
    assert response.status_code == status, response.json()
    if code:
        assert_refused(response, code, status)
        assert db_state() == before
    else:
        assert Kit.objects.get(pk=response.json()["id"]).weeks.count() == 2


def test_a_kit_needs_both_languages(people):
    api = ApiClient(people.nss_tr)
    before = db_state()
    response = api.post("/kits", {**KIT, "weeks": [{"en": "Measure.", "tr": " "}]})
    assert_refused(response, "invalid_kit", 400)
    assert db_state() == before


def test_another_countrys_nss_cannot_change_a_kit(people):
    kit_id = ApiClient(people.nss_tr).post("/kits", KIT).json()["id"]
    api = ApiClient(people.nss_it)
    before = db_state()
    response = api.client.put(f"/api/v1/kits/{kit_id}", data=__import__("json").dumps(KIT),
                              content_type="application/json", headers=api.headers)
    assert_refused(response, "event_cannot_organise", 403)
    assert db_state() == before


def test_start_a_project_from_a_kit_fills_the_form_in_the_readers_language(people):
    kit_id = ApiClient(people.nss_tr).post("/kits", KIT).json()["id"]
    client = client_for(people.teacher, language="tr")
    assert "Suyumuz" in client.get(f"/kits/{kit_id}/").content.decode()
    response = client.post(f"/kits/{kit_id}/start/")
    assert response.status_code == 302 and response["Location"] == "/projects/new/"
    form = client.get("/projects/new/").context["form"]
    assert form.initial["title"] == "Suyumuz" and "Kullandığınız suyu ölçün." in form.initial["description"]
    assert form.initial["subjects"] == ["science"]
    assert "title" not in client.get("/projects/new/").context["form"].initial  # shown once
    prefill = ApiClient(language="en").get(f"/kits/{kit_id}/project-prefill").json()
    assert prefill["title"] == "Our water"
