"""Pages: project page with its scope, invite list (greyed-out contacts), directory, my projects."""

import pytest

from twinhub.projects import selectors, services
from twinhub.projects.models import Project
from twinhub.testing import assert_same_queries, client_for, db_state, make_staff, page_queries, queries
from twinhub.testing.projects import make_contacts, make_project, old_platform_contact, teacher

pytestmark = pytest.mark.django_db


def test_national_project_page_explains_scope():
    project = make_project(founder=teacher("TR"), cofounder=teacher("TR"), members=[teacher("DE")])
    html = client_for(project.founder).get(f"/projects/{project.pk}/").content.decode()
    assert 'data-scope="national"' in html
    assert "never be nominated for the European Quality Label" in html
    assert 'data-country="DE"' in html


def test_project_page_in_turkish():
    project = make_project(founder=teacher("TR"), cofounder=teacher("TR"))
    html = client_for(project.founder, language="tr").get(f"/projects/{project.pk}/").content.decode()
    assert "Ulusal proje" in html
    assert "Avrupa Kalite Etiketi" in html


def test_unstarted_project_hidden_from_others():
    founder, cofounder = teacher("TR"), teacher("DE")
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title="Secret")
    assert client_for(teacher("FR")).get(f"/projects/{project.pk}/").status_code == 404
    assert client_for(cofounder).get(f"/projects/{project.pk}/").status_code == 200
    assert client_for(make_staff("nss", country="DE")).get(f"/projects/{project.pk}/").status_code == 404


def test_create_through_form_ignores_scope():
    founder, cofounder = teacher("TR"), teacher("DE")
    make_contacts(founder, teacher("IT"))
    make_contacts(founder, cofounder)
    response = client_for(founder).post("/projects/new/", {"title": "Birds", "cofounder": cofounder.pk,
                                                           "scope": "national", "state": "open"})
    assert response.status_code == 302
    project = Project.objects.get(title="Birds")
    assert (project.scope, project.state) == ("", "awaiting_cofounder")
    response = client_for(cofounder).post(f"/projects/{project.pk}/accept/", {"scope": "national"})
    project.refresh_from_db()
    assert (project.scope, project.state) == ("european", "open")


def test_invite_list_greys_out_with_reasons():
    project = make_project(founder=teacher("TR"), cofounder=teacher("DE"))
    ok, unavailable, pending = teacher("FR"), teacher("FR", available=False), teacher("FR", approved=False)
    for person in (ok, unavailable):
        make_contacts(project.founder, person)
    old_platform_contact(project.founder, pending)  # rule 6 refuses a pending teacher as a new contact
    html = client_for(project.founder).get(f"/projects/{project.pk}/invite/").content.decode()
    assert f'data-user="{ok.pk}" data-code=""' in html
    assert f'data-user="{unavailable.pk}" data-code="not_available"' in html
    assert f'data-user="{pending.pk}" data-code="membership_pending"' in html
    assert f'data-user="{project.cofounder.pk}" data-code="already_member"' in html
    assert "has not switched on" in html
    before = db_state()
    response = client_for(project.founder).post(f"/projects/{project.pk}/invite/", {"user_id": unavailable.pk})
    assert response.status_code == 409
    assert db_state() == before
    response = client_for(project.founder).post(f"/projects/{project.pk}/invite/", {"user_id": ok.pk})
    assert response.status_code == 302


def test_invite_page_for_administrators_only():
    member = teacher("FR")
    project = make_project(founder=teacher("TR"), cofounder=teacher("DE"), members=[member])
    assert client_for(member).get(f"/projects/{project.pk}/invite/").status_code == 404
    before = db_state()
    assert client_for(member).post(f"/projects/{project.pk}/close/").status_code == 403
    assert db_state() == before


def test_directory_filters():
    nat = make_project(founder=teacher("TR"), cofounder=teacher("TR"), title="Trees of Anatolia",
                       subjects=["biology"], age_ranges=["7-10"])
    eur = make_project(founder=teacher("TR"), cofounder=teacher("IT"), title="Rivers", subjects=["geography"])
    client = client_for(None)

    def titles(**params):
        html = client.get("/projects/", params).content.decode()
        return {p.title for p in (nat, eur) if p.title in html}

    assert titles() == {"Trees of Anatolia", "Rivers"}
    assert titles(scope="national") == {"Trees of Anatolia"}
    assert titles(country="IT") == {"Rivers"}
    assert titles(subject="biology") == {"Trees of Anatolia"}
    assert titles(age_range="7-10") == {"Trees of Anatolia"}
    assert titles(q="river") == {"Rivers"}
    services.project_state_change(actor=eur.founder, project_id=eur.pk, action="close")
    assert titles(state="closed") == {"Rivers"}


def test_query_counts_do_not_grow():
    founder = teacher("TR")
    small = make_project(founder=founder, cofounder=teacher("TR"))
    client = client_for(founder)
    detail_small = page_queries(client, f"/projects/{small.pk}/")
    mine_small = page_queries(client, "/projects/mine/")
    directory_small = page_queries(client, "/projects/")
    big = make_project(founder=founder, cofounder=teacher("DE"), members=[teacher("FR") for _ in range(6)])
    for _ in range(4):
        make_project(founder=founder, cofounder=teacher("IT"), members=[teacher("ES")])
    assert_same_queries(detail_small, page_queries(client, f"/projects/{big.pk}/"))
    assert_same_queries(mine_small, page_queries(client, "/projects/mine/"))
    assert_same_queries(directory_small, page_queries(client, "/projects/"))
    assert max(len(detail_small), len(mine_small), len(directory_small)) <= 15


def test_invite_list_queries_do_not_grow():
    project = make_project(founder=teacher("TR"), cofounder=teacher("DE"))
    client = client_for(project.founder)
    make_contacts(project.founder, teacher("FR"))
    few = page_queries(client, f"/projects/{project.pk}/invite/")
    for _ in range(3):
        make_contacts(project.founder, teacher("FR", available=False))
        make_contacts(project.founder, teacher("ES"))
        old_platform_contact(project.founder, teacher("FR", approved=False))
    assert_same_queries(few, page_queries(client, f"/projects/{project.pk}/invite/"))


def test_nss_policy_page_and_approval():
    nss = make_staff("nss", country="PL")
    assert client_for(teacher("PL")).get("/projects/approval/").status_code == 404
    client = client_for(nss)
    assert client.post("/projects/approval/", {"country": "DE", "require": "on"}).status_code == 404
    assert client.post("/projects/approval/", {"country": "PL", "require": "on"}).status_code == 302
    founder, cofounder = teacher("PL"), teacher("PL")
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title="Amber")
    services.project_cofounder_accept(user=cofounder, project_id=project.pk)
    assert "Amber" in client.get("/projects/approval/").content.decode()
    assert client_for(founder).post(f"/projects/{project.pk}/approve/").status_code == 403
    assert client.post(f"/projects/{project.pk}/approve/").status_code == 302
    assert Project.objects.get(pk=project.pk).state == "open"


def test_my_projects_counts_every_member_in_one_query_per_page():
    founder = teacher("TR")
    big = make_project(founder=founder, cofounder=teacher("DE"), members=[teacher("FR"), teacher("IT")],
                       title="Big")
    small = make_project(founder=founder, cofounder=teacher("DE"), title="Small")
    with queries(exactly=2):  # the total, then the page of projects with their counts
        counts = {p.pk: p.member_count for p in selectors.my_projects_page(founder)}
    assert counts == {big.pk: 4, small.pk: 2}
    later = selectors.projects_with_member_counts(founder).filter(pk=small.pk)  # what later pages read
    assert [p.member_count for p in later] == [2]
    html = client_for(founder).get("/projects/mine/").content.decode()
    assert f'data-project="{big.pk}" data-members="4"' in html
    assert f'data-project="{small.pk}" data-members="2"' in html


def test_my_projects_and_the_directory_are_paged_by_key_with_the_same_queries_on_every_page():
    """A teacher with more projects than a page: the next page follows the last one shown, every
    project appears once, and neither page runs more queries than a teacher with one project."""
    import re

    from twinhub.projects.selectors import DIRECTORY_PAGE_SIZE, MY_PROJECTS_PAGE_SIZE

    founder, cofounder = teacher("TR"), teacher("IT")
    make_project(founder=founder, cofounder=cofounder, title="Project 0")
    client = client_for(founder)
    few = {url: page_queries(client, url) for url in ("/projects/mine/", "/projects/")}
    for i in range(1, MY_PROJECTS_PAGE_SIZE + 2):
        make_project(founder=founder, cofounder=cofounder, title=f"Project {i}")
    for url, size in (("/projects/mine/", MY_PROJECTS_PAGE_SIZE), ("/projects/", DIRECTORY_PAGE_SIZE)):
        first = page_queries(client, url)
        assert_same_queries(few[url], first)
        html = first.response.content.decode()
        following = re.search(r'rel="next" href="\?([^"]+)"', html).group(1).replace("&amp;", "&")
        second = page_queries(client, f"{url}?{following}")
        assert_same_queries(few[url], second)
        titles = re.findall(r">(Project \d+)</a>", html + second.response.content.decode())
        assert len(titles) == len(set(titles)) == MY_PROJECTS_PAGE_SIZE + 2
        assert f"1–{size} of {MY_PROJECTS_PAGE_SIZE + 2}" in html
