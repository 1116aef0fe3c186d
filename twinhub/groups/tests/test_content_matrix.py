"""A group's pages and materials: roles × changes (edit, hide, show, remove, report) × in/out of
scope × active/archived, through the services, the pages and the API. An allowed change does what it
says; a refused one leaves every table as it was."""

import pytest
from django.contrib.auth.models import AnonymousUser

from twinhub.core.errors import ApplicationError
from twinhub.groups import services
from twinhub.groups.models import GroupMaterial, GroupPage, Report
from twinhub.testing import ApiClient, client_for, db_state, make_staff, make_teacher
from twinhub.testing.groups import EXPECTED_CONTENT_CHANGES, add_material, add_page, make_group

pytestmark = pytest.mark.django_db

# "staff_out" is the NSS of Italy: an outsider to a group of Türkiye.
WHO = ["moderator", "staff", "author", "member", "outsider", "staff_out", "anonymous"]
CHANGES = ["edit", "hide", "show", "remove", "report"]


class Scene:
    def __init__(self, people, *, hidden: bool = False):
        author = make_teacher(country="TR", name="Wanda Writer")
        self.users = {"moderator": people.teacher, "staff": make_staff("nss", country="TR"), "author": author,
                      "member": people.teacher_it, "outsider": people.teacher_pl, "staff_out": people.nss_it,
                      "anonymous": AnonymousUser()}
        self.creator = people.nss_tr
        self.group = make_group(self.creator, members=[people.teacher, people.teacher_it, author])
        services.group_moderator_name(actor=self.creator, group_id=self.group.pk, user_id=people.teacher.pk)
        self.page = add_page(self.group, author)
        self.material = add_material(self.group, author)
        if hidden:  # "show" starts from hidden content
            services.page_hide(actor=self.creator, group_id=self.group.pk, page_id=self.page.pk, hidden=True)
            services.material_hide(actor=self.creator, group_id=self.group.pk, material_id=self.material.pk,
                                   hidden=True)


def _change(scene: Scene, what: str, change: str, user):
    kw = {"actor": user, "group_id": scene.group.pk}
    if what == "page":
        kw["page_id"] = scene.page.pk
        return {"edit": lambda: services.page_update(title="New title", body_html="<p>new</p>", **kw),
                "hide": lambda: services.page_hide(hidden=True, **kw),
                "show": lambda: services.page_hide(hidden=False, **kw),
                "remove": lambda: services.page_remove(**kw),
                "report": lambda: services.report_file(reporter=user, target="group_page", target_id=scene.page.pk,
                                                       reason="Off-topic")}[change]()
    kw["material_id"] = scene.material.pk
    return {"edit": lambda: services.material_rename(name="New name", **kw),
            "hide": lambda: services.material_hide(hidden=True, **kw),
            "show": lambda: services.material_hide(hidden=False, **kw),
            "remove": lambda: services.material_remove(**kw),
            "report": lambda: services.report_file(reporter=user, target="group_material",
                                                   target_id=scene.material.pk, reason="Off-topic")}[change]()


def _done(scene: Scene, what: str, change: str) -> bool:
    model, item = (GroupPage, scene.page) if what == "page" else (GroupMaterial, scene.material)
    row = model.objects.filter(pk=item.pk).first()
    return {"edit": lambda: row.title == "New title" if what == "page" else row.name == "New name",
            "hide": lambda: row.is_hidden, "show": lambda: not row.is_hidden, "remove": lambda: row is None,
            "report": lambda: Report.objects.filter(target=f"group_{what}", target_id=item.pk).exists()}[change]()


@pytest.mark.parametrize("what", ["page", "material"])
@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("who", WHO)
def test_roles_by_content_changes(people, who, change, what):
    scene = Scene(people, hidden=change == "show")
    user = scene.users[who]
    before = db_state()
    if who in EXPECTED_CONTENT_CHANGES[change]:
        _change(scene, what, change, user)
        assert _done(scene, what, change), (who, change, what)
    else:
        with pytest.raises(ApplicationError) as refused:
            _change(scene, what, change, user)
        assert refused.value.refusal.status in (400, 403, 404, 409), refused.value.refusal
        assert db_state() == before


@pytest.mark.parametrize("what", ["page", "material"])
@pytest.mark.parametrize("change", ["edit", "hide", "remove"])
@pytest.mark.parametrize("who", ["moderator", "staff", "author"])
def test_an_archived_group_keeps_its_pages_and_materials_as_they_are(people, who, change, what):
    scene = Scene(people)
    services.group_archive(actor=scene.creator, group_id=scene.group.pk)
    before = db_state()
    with pytest.raises(ApplicationError) as refused:
        _change(scene, what, change, scene.users[who])
    # what they may do in an active group is refused for the archive; the rest as always
    expected = "group_archived" if who in EXPECTED_CONTENT_CHANGES[change] else "forbidden"
    assert refused.value.code == expected
    assert db_state() == before


def test_a_member_may_not_change_another_members_page_and_is_told_who_may(people):
    scene = Scene(people)
    with pytest.raises(ApplicationError) as refused:
        _change(scene, "page", "edit", scene.users["member"])
    assert refused.value.code == "forbidden"
    assert "author" in str(refused.value.refusal.who_must_act)


def test_removing_a_material_deletes_its_files_after_the_commit(people, django_capture_on_commit_callbacks):
    scene = Scene(people)
    storage, name = scene.material.file.storage, scene.material.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.material_remove(actor=scene.users["author"], group_id=scene.group.pk, material_id=scene.material.pk)
    assert not storage.exists(name)


# --- The same answers through the pages and the API --------------------------------------------------

def _page_urls(scene: Scene) -> dict:
    g, p, m = scene.group.pk, scene.page.pk, scene.material.pk
    return {("page", "edit"): (f"/groups/{g}/pages/{p}/edit/", {"title": "New title", "body": "<p>new</p>"}),
            ("page", "hide"): (f"/groups/{g}/pages/{p}/do/hide/", {}),
            ("page", "remove"): (f"/groups/{g}/pages/{p}/do/remove/", {}),
            ("material", "edit"): (f"/groups/{g}/materials/{m}/do/rename/", {"name": "New name"}),
            ("material", "hide"): (f"/groups/{g}/materials/{m}/do/hide/", {}),
            ("material", "remove"): (f"/groups/{g}/materials/{m}/do/remove/", {}),
            ("page", "report"): (f"/report/group_page/{p}/", {"reason": "Off-topic"}),
            ("material", "report"): (f"/report/group_material/{m}/", {"reason": "Off-topic"})}


@pytest.mark.parametrize("what", ["page", "material"])
@pytest.mark.parametrize("change", ["edit", "hide", "remove", "report"])
@pytest.mark.parametrize("who", ["moderator", "author", "member", "outsider"])
def test_the_pages_give_the_same_answers(people, who, change, what):
    scene = Scene(people)
    url, data = _page_urls(scene)[(what, change)]
    before = db_state()
    response = client_for(scene.users[who]).post(url, data)
    if who in EXPECTED_CONTENT_CHANGES[change]:
        assert response.status_code == 302 and _done(scene, what, change)
    else:
        assert response.status_code in (302, 400, 403, 404, 409)
        assert db_state() == before


def _api_call(client, scene: Scene, what: str, change: str):
    g = scene.group.pk
    if what == "page":
        base = f"/groups/{g}/pages/{scene.page.pk}"
        return {"edit": lambda: client.patch(base, {"title": "New title", "body_html": "<p>new</p>"}),
                "hide": lambda: client.post(f"{base}/hide"), "remove": lambda: client.delete(base)}[change]()
    base = f"/groups/{g}/materials/{scene.material.pk}"
    return {"edit": lambda: client.patch(base, {"name": "New name"}),
            "hide": lambda: client.post(f"{base}/hide"), "remove": lambda: client.delete(base)}[change]()


@pytest.mark.parametrize("what", ["page", "material"])
@pytest.mark.parametrize("change", ["edit", "hide", "remove"])
@pytest.mark.parametrize("who", ["moderator", "staff", "author", "member", "outsider", "staff_out"])
def test_the_api_gives_the_same_answers(people, who, change, what):
    scene = Scene(people)
    before = db_state()
    response = _api_call(ApiClient(scene.users[who]), scene, what, change)
    if who in EXPECTED_CONTENT_CHANGES[change]:
        assert response.status_code in (200, 204), response.content
        assert _done(scene, what, change)
    else:
        assert response.status_code in (403, 404), response.content
        assert db_state() == before


def test_the_page_shows_each_person_only_the_buttons_they_may_use(people):
    scene = Scene(people)
    url = f"/groups/{scene.group.pk}/pages/{scene.page.pk}/"
    author = client_for(scene.users["author"]).get(url).content.decode()
    assert 'id="page-edit"' in author and 'id="page-remove"' in author and 'id="page-hide"' not in author
    assert "report-link" not in author
    member = client_for(scene.users["member"]).get(url).content.decode()
    assert 'id="page-edit"' not in member and "report-link" in member
    moderator = client_for(scene.users["moderator"]).get(url).content.decode()
    assert 'id="page-edit"' in moderator and 'id="page-hide"' in moderator
    services.group_archive(actor=scene.creator, group_id=scene.group.pk)
    archived = client_for(scene.users["moderator"]).get(url).content.decode()
    assert 'id="page-edit"' not in archived and 'id="page-hide"' not in archived
    assert 'data-code="group_archived"' in archived
    assert client_for(scene.users["author"]).get(f"{url}edit/").status_code == 409
