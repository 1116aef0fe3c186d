"""The pages: each role sees what the table allows, refusals in full and in Turkish, and list pages
whose queries do not grow with their rows (two data sizes)."""

import pytest

from twinhub.groups import services
from twinhub.groups.models import GroupPost, Report
from twinhub.testing import assert_same_queries, client_for, db_state, make_teacher, page_queries
from twinhub.testing.groups import make_group, make_partner_post, start_thread

pytestmark = pytest.mark.django_db


def test_a_pending_teacher_reads_why_on_an_eTwinners_only_group_in_turkish(people):
    group = make_group(people.nss_tr, policy="etwinners")
    page = client_for(people.pending_teacher, language="tr").get(f"/groups/{group.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and 'data-code="membership_pending"' in text and "Ankara" in text
    assert "Gruba katıl" not in text


def test_an_invitation_group_says_who_invites(people):
    group = make_group(people.nss_tr, policy="invitation")
    text = client_for(people.teacher).get(f"/groups/{group.pk}/").content.decode()
    assert 'data-code="group_by_invitation"' in text and people.nss_tr.display_name in text
    assert 'id="group-request"' in text


def test_a_refused_join_by_post_shows_the_refusal_and_changes_nothing(people):
    group = make_group(people.nss_tr, policy="etwinners")
    client = client_for(people.pending_teacher)
    before = db_state()
    response = client.post(f"/groups/{group.pk}/do/join/", follow=True)
    assert 'data-code="membership_pending"' in response.content.decode()
    assert db_state() == before


def test_an_outsider_sees_the_card_not_the_discussions_and_a_proposal_is_not_found(people):
    group = make_group(people.nss_tr, members=[people.teacher])
    start_thread(group, people.teacher, title="Secret plans")
    outsider = client_for(people.teacher_pl)
    text = outsider.get(f"/groups/{group.pk}/").content.decode()
    assert group.title in text and "Secret plans" not in text
    assert outsider.get(f"/groups/{group.pk}/threads/{group.threads.get().pk}/").status_code == 403
    proposal = services.group_propose(actor=people.teacher, title="P", description="d", topic="art", language="en",
                                      join_policy="open")
    assert outsider.get(f"/groups/{proposal.pk}/").status_code == 404


def test_a_member_posts_another_reports_and_a_moderator_hides_through_the_pages(people):
    group = make_group(people.nss_tr, members=[people.teacher, people.teacher_it])
    post = start_thread(group, people.teacher, title="Hello")
    reporter = client_for(people.teacher_it)
    assert reporter.post(f"/report/group_post/{post.pk}/", {"reason": "Off-topic"}).status_code == 302
    moderator = client_for(people.nss_tr)
    queue = moderator.get("/moderation/").content.decode()
    assert "Off-topic" in queue
    moderator.post(f"/moderation/{Report.objects.get().pk}/", {"decision": "hide"})
    assert GroupPost.objects.get(pk=post.pk).is_hidden
    assert "Hello" not in client_for(people.teacher_it).get(f"/groups/{group.pk}/").content.decode()


def test_the_partner_post_page_offers_the_contact_request_with_rule_6_explained(people):
    post = make_partner_post(people.teacher)
    text = client_for(people.teacher_it).get(f"/partners/{post.pk}/").content.decode()
    assert 'id="contact_request"' in text
    response = client_for(people.teacher_it).post(f"/partners/{post.pk}/", {"body": "Hi!", "contact_request": "on"})
    assert response.status_code == 302
    text = client_for(people.teacher_it).get(f"/partners/{post.pk}/").content.decode()
    assert 'data-code="request_pending"' in text  # the second time, rule 6 explains why not again


def _grow_groups(nss, n):
    for i in range(n):
        group = make_group(nss, title=f"Group {i}")
        start_thread(group, nss, title=f"Thread {i}")


def test_list_pages_do_not_grow_with_their_rows(people):
    nss, teacher = people.nss_tr, people.teacher
    group = make_group(nss, members=[teacher])
    start_thread(group, teacher)
    make_partner_post(teacher)
    reported = start_thread(group, teacher, title="Reported")
    services.group_join(user=people.teacher_it, group_id=group.pk)
    services.report_file(reporter=people.teacher_it, target="group_post", target_id=reported.pk, reason="x")
    client, nss_client = client_for(teacher), client_for(nss)
    thread_id = reported.thread_id
    partner = make_partner_post(teacher, title="Growing")
    urls = ["/groups/", "/groups/mine/", f"/groups/{group.pk}/", f"/groups/{group.pk}/members/", "/partners/",
            "/moderation/", f"/groups/{group.pk}/threads/{thread_id}/", f"/partners/{partner.pk}/"]
    few = {url: page_queries(nss_client if url == "/moderation/" else client, url) for url in urls}
    _grow_groups(nss, 5)
    for i in range(5):
        member = make_teacher(name=f"Member {i}")
        services.group_join(user=member, group_id=group.pk)
        start_thread(group, member, title=f"More {i}")
        make_partner_post(member, title=f"Post {i}")
        other = start_thread(group, member, title=f"Bad {i}")
        services.report_file(reporter=teacher, target="group_post", target_id=other.pk, reason="spam")
        services.post_create(user=member, group_id=group.pk, thread_id=thread_id, body_html=f"<p>Reply {i}</p>")
        services.partner_answer(user=member, post_id=partner.pk, body=f"Answer {i}")
    for url in urls:
        assert_same_queries(few[url], page_queries(nss_client if url == "/moderation/" else client, url))


def test_twinspace_posts_and_profiles_carry_a_report_link(people):
    from twinhub.testing.twinspace import World
    from twinhub.twinspace import services as twinspace_services

    world = World()
    thread = twinspace_services.thread_create(project_id=world.project_a.pk, title="Our town", body_html="<p>Hi</p>",
                                              user=world.admin_a)
    text = client_for(world.member_a).get(f"/twinspace/{world.project_a.pk}/forum/{thread.pk}/").content.decode()
    post = thread.posts.get()
    assert f"/report/twinspace_post/{post.pk}/" in text
    card = client_for(people.teacher_it).get(f"/teachers/{people.teacher.pk}/").content.decode()
    assert f"/report/profile/{people.teacher.pk}/" in card


def test_a_discussion_keeps_the_paragraphs_and_lists_its_writer_typed(people):
    """The message box is plain text, as in the TwinSpace forum (issue 13, defect 3): paragraphs,
    line breaks and lists are kept, and what was typed is escaped, never run."""
    group = make_group(people.nss_tr, members=[people.teacher])
    client = client_for(people.teacher)
    message = "Dear all,\r\nour plan:\r\n\r\n- photos\r\n- a video\r\n\r\n<script>alert(1)</script>"
    assert client.post(f"/groups/{group.pk}/threads/new/", {"title": "Plan", "body": message}).status_code == 302
    thread = group.threads.get(title="Plan")
    client.post(f"/groups/{group.pk}/threads/{thread.pk}/", {"body": "Yes:\n1. me\n2. you"})
    bodies = list(GroupPost.objects.filter(thread=thread).order_by("pk").values_list("body_html", flat=True))
    assert bodies == ["<p>Dear all,<br>our plan:</p><ul><li>photos</li><li>a video</li></ul>"
                      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
                      "<p>Yes:</p><ol><li>me</li><li>you</li></ol>"]
    html = client.get(f"/groups/{group.pk}/threads/{thread.pk}/").content.decode()
    assert "<ul><li>photos</li><li>a video</li></ul>" in html and "<script>alert" not in html
