"""Joining (the three policies, refusals explained), proposals, leaving, moderators, the activity
feed and the directory."""

import pytest

from twinhub.core.errors import ApplicationError
from twinhub.core.models import AuditEntry, Notification
from twinhub.groups import selectors, services
from twinhub.groups.models import GroupState, MemberStatus
from twinhub.testing import db_state
from twinhub.testing.groups import make_group, start_thread

pytestmark = pytest.mark.django_db


def _refused(call) -> ApplicationError:
    with pytest.raises(ApplicationError) as refused:
        call()
    return refused.value


def test_a_pending_teacher_is_told_whose_approval_is_missing(people):
    group = make_group(people.nss_tr, policy="etwinners")
    pending = people.pending_teacher
    before = db_state()
    error = _refused(lambda: services.group_join(user=pending, group_id=group.pk))
    assert error.code == "membership_pending"
    assert "Ankara" in error.refusal.who_must_act  # the membership rule's own words: the coordinators of TR-06
    assert db_state() == before
    services.group_join(user=people.teacher, group_id=group.pk)  # an eTwinner joins


def test_an_open_group_takes_any_registered_user(people):
    group = make_group(people.nss_tr, policy="open")
    services.group_join(user=people.pending_teacher, group_id=group.pk)
    group.refresh_from_db()
    assert group.member_count == 2


def test_an_invitation_group_says_who_invites_and_takes_requests(people):
    group = make_group(people.nss_tr, policy="invitation")
    teacher = people.teacher
    before = db_state()
    error = _refused(lambda: services.group_join(user=teacher, group_id=group.pk))
    assert error.code == "group_by_invitation" and people.nss_tr.display_name in error.refusal.message
    assert db_state() == before
    services.group_request_join(user=teacher, group_id=group.pk)
    assert Notification.objects.filter(user=people.nss_tr, kind="group.join_requested").exists()
    assert _refused(lambda: services.group_request_join(user=teacher, group_id=group.pk)).code == \
        "group_request_pending"
    services.group_request_decide(actor=people.nss_tr, group_id=group.pk, user_id=teacher.pk, accept=True)
    assert selectors.group_view(teacher, group.pk).role == "member"


def test_an_invitation_is_accepted_by_joining(people):
    group = make_group(people.nss_tr, policy="invitation")
    services.group_invite(actor=people.nss_tr, group_id=group.pk, user_id=people.teacher_it.pk)
    assert _refused(lambda: services.group_invite(actor=people.nss_tr, group_id=group.pk,
                                                  user_id=people.teacher_it.pk)).code == "already_invited_to_group"
    services.group_join(user=people.teacher_it, group_id=group.pk)
    assert selectors.group_view(people.teacher_it, group.pk).status == MemberStatus.ACTIVE


def test_a_proposal_waits_for_the_nss_of_the_proposers_country(people):
    teacher, nss_it, _nss_tr = people.teacher, people.nss_it, people.nss_tr  # the NSS exists before
    group = services.group_propose(actor=teacher, title="Robotics clubs", description="Robots.", topic="technology",
                                   language="tr", join_policy="open")
    assert group.state == GroupState.PROPOSED and group.country == "TR"
    assert Notification.objects.filter(user=people.nss_tr, kind="group.proposed").exists()
    assert _refused(lambda: selectors.group_view(people.teacher_it, group.pk)).code == "not_found"
    assert list(selectors.proposals_for(nss_it)) == []
    assert _refused(lambda: services.group_decide_proposal(actor=nss_it, group_id=group.pk, approve=True)).code == \
        "not_found"
    assert _refused(lambda: services.group_decide_proposal(actor=people.nss_tr, group_id=group.pk,
                                                           approve=False)).code == "reason_required"
    services.group_decide_proposal(actor=people.nss_tr, group_id=group.pk, approve=True)
    group.refresh_from_db()
    assert group.state == GroupState.ACTIVE
    assert Notification.objects.filter(user=teacher, kind="group.proposal_decided").exists()
    assert AuditEntry.objects.filter(action="group.approved", object_id=str(group.pk)).exists()


def test_a_pending_teacher_cannot_propose_and_a_teacher_cannot_create(people):
    assert _refused(lambda: services.group_propose(actor=people.pending_teacher, title="X", description="Y",
                                                   topic="art", language="en", join_policy="open")).code == \
        "membership_pending"
    assert _refused(lambda: services.group_create(actor=people.teacher, title="X", description="Y", topic="art",
                                                  language="en", join_policy="open", country="TR")).code == "forbidden"
    assert _refused(lambda: services.group_create(actor=people.nss_tr, title="X", description="Y", topic="art",
                                                  language="en", join_policy="open", country="IT")).code == "forbidden"


def test_the_last_moderator_names_another_before_leaving(people):
    group = make_group(people.nss_tr, members=[people.teacher])
    assert _refused(lambda: services.group_leave(user=people.nss_tr, group_id=group.pk)).code == "last_moderator"
    services.group_moderator_name(actor=people.nss_tr, group_id=group.pk, user_id=people.teacher.pk)
    services.group_leave(user=people.nss_tr, group_id=group.pk)
    group.refresh_from_db()
    assert group.member_count == 1


def test_hidden_posts_are_seen_by_moderators_only_and_the_feed_tells_what_happened(people):
    group = make_group(people.nss_tr, members=[people.teacher, people.teacher_it])
    post = start_thread(group, people.teacher_it, title="Spring")
    services.post_moderate(actor=people.nss_tr, group_id=group.pk, post_id=post.pk, hidden=True)
    member_view = selectors.group_view(people.teacher, group.pk)
    assert list(selectors.threads_of(member_view)) == []
    assert len(selectors.threads_of(selectors.group_view(people.nss_tr, group.pk))) == 1
    kinds = [a.kind for a in selectors.activity_of(member_view)]
    assert "thread_created" not in kinds and "member_joined" in kinds  # a hidden discussion leaves the feed
    moderator_kinds = [a.kind for a in selectors.activity_of(selectors.group_view(people.nss_tr, group.pk))]
    assert moderator_kinds[0] == "thread_created"


def test_the_directory_searches_text_language_and_topic(people):
    make_group(people.nss_tr, title="Coding in class", topic="computing", language="tr")
    make_group(people.nss_tr, title="Poetry circle", topic="mother_tongue", language="en")
    proposal = services.group_propose(actor=people.teacher, title="Coding clubs", description="d", topic="computing",
                                      language="tr", join_policy="open")
    titles = lambda **f: [g.title for g in selectors.groups_directory(**f)[0]]  # noqa: E731
    assert titles(q="coding") == ["Coding in class"]  # a proposal is not listed
    assert titles(language="en") == ["Poetry circle"]
    assert titles(topic="computing", language="tr") == ["Coding in class"]
    assert proposal.title not in titles()


def test_materials_use_the_twinspace_checks(people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from twinhub.groups.models import GroupMaterial
    from twinhub.testing.files import SVG, image_bytes

    group = make_group(people.nss_tr, members=[people.teacher])
    teacher = people.teacher
    before = db_state()
    svg = SimpleUploadedFile("drawing.svg", SVG, content_type="image/svg+xml")
    assert _refused(lambda: services.material_upload(user=teacher, group_id=group.pk, upload=svg)).code == \
        "svg_not_allowed"
    assert db_state() == before
    png = SimpleUploadedFile("photo.png", image_bytes(), content_type="image/png")
    material = services.material_upload(user=teacher, group_id=group.pk, upload=png, name="Our photo")
    assert (material.kind, material.name) == ("image", "Our photo") and material.thumbnail
    assert material.file.name.startswith(f"groups/{group.pk}/")
    assert GroupMaterial.objects.filter(group=group).count() == 1
