"""Every report path end to end, through the pages and the API: the reporter finds "Report" where the
content is shown, the report reaches its deciders' queue (the group's moderators or the project's
teachers, and the NSS of the author's country) and nobody else's, the decision is applied and
audited, and the reporter is told the outcome. A pupil's words never leave the TwinSpace."""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from twinhub.core.models import AuditEntry, Notification
from twinhub.groups.models import GroupMaterial, GroupPage, GroupPost, PartnerPost, Report
from twinhub.testing import ApiClient, client_for, make_staff
from twinhub.testing.files import image_bytes
from twinhub.testing.groups import add_material, add_page, make_group, make_partner_post, start_thread
from twinhub.testing.twinspace import World
from twinhub.twinspace import services as twinspace_services
from twinhub.twinspace.models import Material, Page, Post

pytestmark = pytest.mark.django_db

WORDS = "Rain gauges from bottles"


@dataclass
class Path:
    target: str
    target_id: int
    shown_at: str        # the page where its "Report" link is
    reporter: object
    decider: object      # sees it in the queue and decides
    bystander: object    # an NSS of another country: never sees it
    decision: str
    applied: object      # () -> bool: the decision's effect is in the database


def _group_path(people, what: str) -> Path:
    group = make_group(people.nss_tr, members=[people.teacher, people.teacher_it])
    author, g = people.teacher, group.pk
    if what == "group_post":
        post = start_thread(group, author, body=f"<p>{WORDS}</p>")
        return Path(what, post.pk, f"/groups/{g}/threads/{post.thread_id}/", people.teacher_it, people.nss_tr,
                    people.nss_it, "hide", lambda: GroupPost.objects.get(pk=post.pk).is_hidden)
    if what == "group_page":
        page = add_page(group, author, title=WORDS)
        return Path(what, page.pk, f"/groups/{g}/pages/{page.pk}/", people.teacher_it, people.nss_tr, people.nss_it,
                    "hide", lambda: GroupPage.objects.get(pk=page.pk).is_hidden)
    material = add_material(group, author, name=WORDS)
    return Path(what, material.pk, f"/groups/{g}/materials/", people.teacher_it, people.nss_tr, people.nss_it,
                "remove", lambda: not GroupMaterial.objects.filter(pk=material.pk).exists())


def _twinspace_path(what: str, *, by_pupil: bool = False) -> Path:
    world = World()
    p = world.project_a.pk
    who = {"pupil": world.pupil_a} if by_pupil else {"user": world.admin_a}
    nss_tr, nss_it = make_staff("nss", country="TR"), make_staff("nss", country="IT")
    if what == "twinspace_post":
        thread = twinspace_services.thread_create(project_id=p, title="Our town", body_html=f"<p>{WORDS}</p>", **who)
        post = Post.objects.get(thread=thread)
        path = Path(what, post.pk, f"/twinspace/{p}/forum/{thread.pk}/", world.member_a, nss_tr, nss_it, "hide",
                    lambda: Post.objects.get(pk=post.pk).is_hidden)
    elif what == "twinspace_page":
        page = twinspace_services.page_create(project_id=p, title="Our town", body_html=f"<p>{WORDS}</p>", **who)
        path = Path(what, page.pk, f"/twinspace/{p}/pages/{page.pk}/", world.member_a, nss_tr, nss_it, "hide",
                    lambda: Page.objects.get(pk=page.pk).is_hidden)
    else:
        upload = SimpleUploadedFile("photo.png", image_bytes(), content_type="image/png")
        material = twinspace_services.material_upload(project_id=p, upload=upload, name=WORDS, **who)
        path = Path(what, material.pk, f"/twinspace/{p}/materials/", world.member_a, nss_tr, nss_it, "remove",
                    lambda: not Material.objects.filter(pk=material.pk).exists())
    if by_pupil:  # only the project's teachers decide a pupil's content
        path.decider, path.bystander = world.admin_a, nss_tr
    return path


def _path(people, target: str) -> Path:
    if target.startswith("group_"):
        return _group_path(people, target)
    if target.startswith("twinspace_"):
        return _twinspace_path(target)
    if target == "partner_post":
        post = make_partner_post(people.teacher, title=WORDS)
        return Path(target, post.pk, f"/partners/{post.pk}/", people.teacher_it, people.nss_tr, people.nss_it, "hide",
                    lambda: PartnerPost.objects.get(pk=post.pk).is_hidden)
    author = people.teacher
    return Path("profile", author.pk, f"/teachers/{author.pk}/", people.teacher_it, people.nss_tr, people.nss_it,
                "warn", lambda: Notification.objects.filter(user=author, kind="report.warned").exists())


TARGETS = ["group_post", "group_page", "group_material", "partner_post", "twinspace_post", "twinspace_page",
           "twinspace_material", "profile"]


@pytest.mark.parametrize("target", TARGETS)
def test_a_report_goes_from_the_content_to_its_deciders_and_back_through_the_pages(people, target):
    path = _path(people, target)
    reporter = client_for(path.reporter)
    report_url = f"/report/{path.target}/{path.target_id}/"
    assert report_url in reporter.get(path.shown_at).content.decode()
    assert reporter.post(report_url, {"reason": "This looks like an advert."}).status_code == 302
    report = Report.objects.get(target=path.target, target_id=path.target_id)

    assert "This looks like an advert." not in client_for(path.bystander).get("/moderation/").content.decode()
    assert client_for(path.bystander).post(f"/moderation/{report.pk}/", {"decision": path.decision}).status_code \
        == 404
    decider = client_for(path.decider)
    queue = decider.get("/moderation/").content.decode()
    assert "This looks like an advert." in queue and f"/moderation/{report.pk}/content/" in queue
    assert decider.get(f"/moderation/{report.pk}/content/").status_code == 302
    assert Notification.objects.filter(user=path.decider, kind="report.filed").exists()

    decider.post(f"/moderation/{report.pk}/", {"decision": path.decision, "note": "Thank you."})
    assert path.applied()
    assert AuditEntry.objects.filter(action="report.decided", object_id=str(report.pk),
                                     data__decision=path.decision).exists()
    assert Notification.objects.filter(user=path.reporter, kind="report.outcome").exists()
    assert "Decided:" in reporter.get("/moderation/mine/").content.decode()


@pytest.mark.parametrize("target", TARGETS)
def test_the_same_path_through_the_api(people, target):
    path = _path(people, target)
    created = ApiClient(path.reporter).post("/reports", {"target": path.target, "target_id": path.target_id,
                                                         "reason": "Spam"})
    assert created.status_code == 201, created.content
    report_id = created.json()["id"]
    assert [r["id"] for r in ApiClient(path.bystander).get("/reports/queue").json()] == []
    assert [r["id"] for r in ApiClient(path.decider).get("/reports/queue").json()] == [report_id]
    decided = ApiClient(path.decider).post(f"/reports/{report_id}/decision", {"decision": path.decision})
    assert decided.status_code == 200 and decided.json()["decision"] == path.decision
    assert path.applied()


@pytest.mark.parametrize("target", ["twinspace_post", "twinspace_page", "twinspace_material"])
def test_a_pupils_content_is_read_only_inside_its_twinspace_whatever_the_path(people, target):
    path = _twinspace_path(target, by_pupil=True)
    reporter = client_for(path.reporter)
    assert reporter.post(f"/report/{target}/{path.target_id}/", {"reason": "Personal data"}).status_code == 302
    report = Report.objects.get(target=target)
    assert report.excerpt == "" and report.author_is_pupil
    # The NSS of the project's country hears nothing and sees nothing, in the pages or the API.
    assert not Notification.objects.filter(user=path.bystander).exists()
    assert "Personal data" not in client_for(path.bystander).get("/moderation/").content.decode()
    assert ApiClient(path.bystander).get("/reports/queue").json() == []
    # The project's teachers decide it (and are told): the queue names no words of the pupil and leads
    # into the TwinSpace.
    assert Notification.objects.filter(user=path.decider, kind="report.filed").exists()
    queue = client_for(path.decider).get("/moderation/").content.decode()
    assert "Personal data" in queue and WORDS not in queue
    assert WORDS not in str(ApiClient(path.decider).get("/reports/queue").json())
    assert WORDS not in reporter.get("/moderation/mine/").content.decode()
    location = client_for(path.decider).get(f"/moderation/{report.pk}/content/")
    assert location.status_code == 302 and location["Location"].startswith("/twinspace/")
    assert not AuditEntry.objects.filter(data__icontains=WORDS).exists()


def test_an_nss_outside_the_group_decides_from_the_queue_and_is_not_led_to_a_closed_door(people):
    group = make_group(people.nss_it, country="IT", members=[people.teacher, people.teacher_pl])
    post = start_thread(group, people.teacher, body=f"<p>{WORDS}</p>")  # by a teacher of Türkiye
    report = services_report(people.teacher_pl, "group_post", post.pk)
    nss_tr = client_for(people.nss_tr)  # decides as the author's NSS, but is no member of the group
    queue = nss_tr.get("/moderation/").content.decode()
    assert WORDS in queue  # the excerpt is what it decides from
    response = nss_tr.get(f"/moderation/{report.pk}/content/", follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == "/moderation/"
    moderator = client_for(people.nss_it).get(f"/moderation/{report.pk}/content/")
    assert moderator["Location"] == f"/groups/{group.pk}/threads/{post.thread_id}/"


def services_report(reporter, target: str, target_id: int) -> Report:
    from twinhub.groups import services

    return services.report_file(reporter=reporter, target=target, target_id=target_id, reason="Spam")
