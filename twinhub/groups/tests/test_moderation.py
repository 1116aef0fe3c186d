"""Reports and their queue: who sees a report (the group's moderators, the NSS of the author's
country, a TwinSpace's teachers), decisions applied and audited, the reporter told the outcome,
pupils' content never leaving its TwinSpace."""

import pytest

from twinhub.core.errors import ApplicationError
from twinhub.core.models import AuditEntry, Notification
from twinhub.groups import selectors, services
from twinhub.groups.models import GroupPost, Report
from twinhub.testing import db_state
from twinhub.testing.groups import make_group, make_partner_post, start_thread
from twinhub.testing.twinspace import World
from twinhub.twinspace import services as twinspace_services
from twinhub.twinspace.models import Post

pytestmark = pytest.mark.django_db


def _refused(call) -> ApplicationError:
    with pytest.raises(ApplicationError) as refused:
        call()
    return refused.value


def test_a_group_post_report_reaches_its_moderators_and_the_authors_nss_only(people):
    group = make_group(people.nss_it, country="IT", members=[people.teacher, people.teacher_pl])
    post = start_thread(group, people.teacher)  # written by a teacher of Türkiye
    nss_tr, nss_it, coordinator = people.nss_tr, people.nss_it, people.coordinator
    report = services.report_file(reporter=people.teacher_pl, target="group_post", target_id=post.pk, reason="Ads")
    assert report.author_country == "TR" and report.excerpt == "First post"
    assert [r.pk for r in selectors.moderation_queue(nss_it)] == [report.pk]  # the group's moderator
    assert [r.pk for r in selectors.moderation_queue(nss_tr)] == [report.pk]  # the author's NSS
    assert list(selectors.moderation_queue(coordinator)) == []
    assert list(selectors.moderation_queue(people.teacher_pl)) == []
    assert Notification.objects.filter(user=nss_tr, kind="report.filed").exists()


def test_hiding_is_applied_audited_and_every_reporter_told(people):
    group = make_group(people.nss_tr, members=[people.teacher, people.teacher_it, people.teacher_pl])
    post = start_thread(group, people.teacher)
    first = services.report_file(reporter=people.teacher_it, target="group_post", target_id=post.pk, reason="Rude")
    services.report_file(reporter=people.teacher_pl, target="group_post", target_id=post.pk, reason="Rude too")
    services.report_decide(actor=people.nss_tr, report_id=first.pk, decision="hide", note="Be kind.")
    assert GroupPost.objects.get(pk=post.pk).is_hidden
    assert set(Report.objects.values_list("state", "decision")) == {("decided", "hide")}
    assert Notification.objects.filter(kind="report.outcome").count() == 2
    assert AuditEntry.objects.filter(action="report.decided", object_id=str(first.pk), data__decision="hide").exists()


def test_refusals_change_nothing(people):
    group = make_group(people.nss_tr, members=[people.teacher, people.teacher_it])
    post = start_thread(group, people.teacher)
    report = services.report_file(reporter=people.teacher_it, target="group_post", target_id=post.pk, reason="x")
    nss_it, teacher, outsider = people.nss_it, people.teacher, people.teacher_pl
    before = db_state()
    assert _refused(lambda: services.report_decide(actor=nss_it, report_id=report.pk, decision="hide")).code == \
        "not_found"
    assert _refused(lambda: services.report_file(reporter=teacher, target="group_post", target_id=post.pk,
                                                 reason="mine")).code == "invalid_report"
    assert _refused(lambda: services.report_file(reporter=people.teacher_it, target="group_post",
                                                 target_id=post.pk, reason="again")).code == "already_reported"
    assert _refused(lambda: services.report_file(reporter=outsider, target="group_post", target_id=post.pk,
                                                 reason="x")).code == "not_group_member"
    assert _refused(lambda: services.report_file(reporter=people.teacher_it, target="group_post",
                                                 target_id=post.pk, reason=" ")).code == "reason_required"
    assert db_state() == before


def test_a_profile_is_warned_not_hidden(people):
    report = services.report_file(reporter=people.teacher_it, target="profile", target_id=people.teacher.pk,
                                  reason="Fake profile")
    assert _refused(lambda: services.report_decide(actor=people.nss_tr, report_id=report.pk,
                                                   decision="hide")).code == "decision_not_possible"
    services.report_decide(actor=people.nss_tr, report_id=report.pk, decision="warn", note="Use your real name.")
    assert Notification.objects.filter(user=people.teacher, kind="report.warned").exists()


def test_a_partner_post_can_be_removed(people):
    post = make_partner_post(people.teacher)
    report = services.report_file(reporter=people.teacher_it, target="partner_post", target_id=post.pk,
                                  reason="Not a project")
    services.report_decide(actor=people.css, report_id=report.pk, decision="remove")
    assert not type(post).objects.filter(pk=post.pk).exists()


def test_pupils_content_stays_inside_its_twinspace_whatever_the_report_path():
    world = World()
    thread = twinspace_services.thread_create(project_id=world.project_a.pk, title="Our town",
                                              body_html="<p>I live at 3 Elm Street</p>", pupil=world.pupil_a)
    post = Post.objects.get(thread=thread)
    from twinhub.testing import make_staff

    nss_tr = make_staff("nss", country="TR")
    report = services.report_file(reporter=world.member_a, target="twinspace_post", target_id=post.pk,
                                  reason="Personal data")
    assert report.author_is_pupil and report.excerpt == "" and report.author_country == ""
    assert list(selectors.moderation_queue(nss_tr)) == []  # the NSS never sees it
    assert [r.pk for r in selectors.moderation_queue(world.admin_a)] == [report.pk]  # the project's teachers do
    assert _refused(lambda: services.report_file(reporter=world.outsider, target="twinspace_post",
                                                 target_id=post.pk, reason="x")).code == "not_found"
    services.report_decide(actor=world.admin_a, report_id=report.pk, decision="hide")
    assert Post.objects.get(pk=post.pk).is_hidden
