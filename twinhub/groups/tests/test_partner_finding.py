"""The partner-finding forum: eTwinners only, filters, expiry and renewal, answering with a
contact request in one step (rule 6 still applies, explained), closing, suggestions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from twinhub.contacts.models import ContactRequest
from twinhub.core.errors import ApplicationError
from twinhub.core.models import Notification
from twinhub.groups import selectors, services
from twinhub.groups.models import PartnerMessage, PartnerPost
from twinhub.testing import client_for, db_state, make_teacher
from twinhub.testing.groups import make_partner_post
from twinhub.testing.projects import make_contacts

pytestmark = pytest.mark.django_db


def _refused(call) -> ApplicationError:
    with pytest.raises(ApplicationError) as refused:
        call()
    return refused.value


def test_posts_are_for_eTwinners_with_rule_1s_explanation(people):
    post = make_partner_post(people.teacher)
    pending = people.pending_teacher
    assert _refused(lambda: selectors.partner_posts_search(pending)).code == "membership_pending"
    assert _refused(lambda: selectors.partner_post_for(pending, post.pk)).code == "membership_pending"
    assert _refused(lambda: make_partner_post(pending)).code == "membership_pending"


def test_the_list_a_pending_teacher_reaches_from_the_menu_explains_why_it_is_empty(people):
    make_partner_post(people.teacher, title="Water in our towns")
    response = client_for(people.pending_teacher).get("/partners/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="membership_pending"' in page and "Water in our towns" not in page


def test_search_and_filters(people):
    make_partner_post(people.teacher, title="Water around us", subjects=["science"], languages=["en"],
                      countries_wanted=["PL"])
    make_partner_post(people.teacher_it, title="Poems of Europe", subjects=["mother_tongue"], languages=["it"],
                      age_ranges=["15-18"])
    titles = lambda **f: [p.title for p in selectors.partner_posts_search(people.teacher_pl, **f)[0]]  # noqa: E731
    assert set(titles()) == {"Water around us", "Poems of Europe"}
    assert titles(q="poems") == ["Poems of Europe"]
    assert titles(subject="science") == ["Water around us"]
    assert titles(language="it") == ["Poems of Europe"]
    assert titles(age_range="15-18") == ["Poems of Europe"]
    assert titles(country="PL") == ["Water around us"]  # a country wanted
    assert titles(country="IT") == ["Poems of Europe"]  # the author's country


def test_bad_values_are_refused_with_what_is_missing(people):
    teacher = people.teacher
    before = db_state()
    error = _refused(lambda: services.partner_post_create(
        author=teacher, title="", idea="x", subjects=["nonsense"], age_ranges=["11-14"], languages=["en"],
        countries_wanted=[], period_start=timezone.localdate(), period_end=timezone.localdate() - timedelta(days=1)))
    assert error.code == "invalid_partner_post" and error.refusal.status == 400
    assert "title" in error.refusal.message and "subject" in error.refusal.message
    assert db_state() == before


def test_an_expired_post_is_hidden_refuses_answers_and_its_author_renews_it(people):
    post = make_partner_post(people.teacher)
    PartnerPost.objects.filter(pk=post.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert selectors.partner_posts_search(people.teacher_it)[0] == []
    marco = people.teacher_it
    before = db_state()
    assert _refused(lambda: services.partner_answer(user=marco, post_id=post.pk, body="Hi")).code == \
        "partner_post_expired"
    assert _refused(lambda: services.partner_post_renew(user=marco, post_id=post.pk)).code == "forbidden"
    assert db_state() == before
    services.partner_post_renew(user=people.teacher, post_id=post.pk)
    assert len(selectors.partner_posts_search(marco)[0]) == 1


def test_answering_opens_a_conversation_and_sends_the_contact_request_in_one_step(people):
    post = make_partner_post(people.teacher)
    answer, contact_refusal = services.partner_answer(user=people.teacher_it, post_id=post.pk,
                                                      body="We are in!", contact_request=True)
    assert contact_refusal is None
    assert ContactRequest.objects.filter(from_user=people.teacher_it, to_user=people.teacher,
                                         status="pending").exists()
    assert Notification.objects.filter(user=people.teacher, kind="partner_post.answered").exists()
    services.partner_message_send(user=people.teacher, answer_id=answer.pk, body="Welcome!")
    assert list(PartnerMessage.objects.filter(answer=answer).values_list("body", flat=True)) == ["We are in!",
                                                                                              "Welcome!"]
    assert _refused(lambda: selectors.answer_for(people.teacher_pl, answer.pk)).code == "not_found"


def test_rule_6_still_decides_the_contact_request_and_is_explained(people):
    post = make_partner_post(people.teacher)
    make_contacts(people.teacher_it, people.teacher)
    answer, contact_refusal = services.partner_answer(user=people.teacher_it, post_id=post.pk, body="Again",
                                                      contact_request=True)
    assert contact_refusal.code == "already_contacts" and answer.pk


def test_the_author_closes_the_post_and_answers_stop(people):
    post = make_partner_post(people.teacher)
    assert _refused(lambda: services.partner_answer(user=people.teacher, post_id=post.pk, body="me")).code == \
        "own_partner_post"
    services.partner_post_close(user=people.teacher, post_id=post.pk)
    assert _refused(lambda: services.partner_answer(user=people.teacher_it, post_id=post.pk, body="x")).code == \
        "partner_post_closed"


def test_suggestions_come_from_the_partner_search_index(people):
    match = make_teacher(country="PL", available=True, name="Zofia Match")
    make_teacher(country="PL", available=False, name="Not Available")
    from twinhub.accounts.models import Profile

    for user in (match,):
        Profile.objects.filter(user=user).update(subjects=["science"], age_ranges=["11-14"], languages=["en"])
        user.profile.refresh_from_db()
        user.profile.save()  # the index follows the profile (contacts' signal)
    post = make_partner_post(people.teacher, subjects=["science"], age_ranges=["11-14"], languages=["en"])
    names = [entry.display_name for entry in selectors.partner_suggestions(post)]
    assert names == ["Zofia Match"]


def test_the_author_is_reminded_once_before_the_post_expires_and_renewing_starts_again(people, mailoutbox):
    from twinhub.groups.tasks import partner_posts_expiring_remind

    post = make_partner_post(people.teacher)
    make_partner_post(people.teacher_it)  # expires in 60 days: not yet
    PartnerPost.objects.filter(pk=post.pk).update(expires_at=timezone.now() + timedelta(days=3))
    assert partner_posts_expiring_remind() == 1
    assert partner_posts_expiring_remind() == 0  # idempotent
    assert Notification.objects.filter(user=people.teacher, kind="partner_post.expiring").count() == 1
    assert [m.to for m in mailoutbox] == [[people.teacher.email]]
    services.partner_post_renew(user=people.teacher, post_id=post.pk)
    PartnerPost.objects.filter(pk=post.pk).update(expires_at=timezone.now() + timedelta(days=2))
    assert partner_posts_expiring_remind() == 1
