"""Simultaneous requests cannot break a group's rules: the group row (or the report row) is locked,
so the second request waits and then gets the rule's refusal."""

import pytest

from twinhub.core.models import AuditEntry
from twinhub.groups import services
from twinhub.groups.models import Group, GroupMembership, Report
from twinhub.testing import (
    REFUSED,
    ROW_LOCKS_NEED_POSTGRESQL,
    WON,
    make_staff,
    make_teacher,
    needs_postgresql,
    race,
)
from twinhub.testing.groups import make_group, start_thread

pytestmark = [needs_postgresql(why=ROW_LOCKS_NEED_POSTGRESQL), pytest.mark.django_db(transaction=True)]


def test_joining_twice_at_once_makes_one_member():
    group, teacher = make_group(make_staff("nss", country="TR")), make_teacher()
    outcomes = race([lambda: services.group_join(user=teacher, group_id=group.pk).pk] * 2)
    assert sorted(kind for kind, _value in outcomes) == [REFUSED, WON], outcomes
    assert [value for kind, value in outcomes if kind == REFUSED] == ["already_group_member"]
    assert Group.objects.get(pk=group.pk).member_count == 2


def test_the_last_two_moderators_leaving_at_once_leave_one():
    nss, teacher = make_staff("nss", country="TR"), make_teacher()
    group = make_group(nss, members=[teacher])
    services.group_moderator_name(actor=nss, group_id=group.pk, user_id=teacher.pk)
    outcomes = race([lambda: services.group_leave(user=nss, group_id=group.pk),
                     lambda: services.group_leave(user=teacher, group_id=group.pk)])
    assert sorted(kind for kind, _value in outcomes) == [REFUSED, WON], outcomes
    assert [value for kind, value in outcomes if kind == REFUSED] == ["last_moderator"]
    assert GroupMembership.objects.filter(group=group, is_moderator=True).count() == 1


def test_a_report_is_decided_once():
    nss, author, reporter = make_staff("nss", country="TR"), make_teacher(), make_teacher()
    group = make_group(nss, members=[author, reporter])
    post = start_thread(group, author)
    report = services.report_file(reporter=reporter, target="group_post", target_id=post.pk, reason="Spam")
    outcomes = race([lambda: services.report_decide(actor=nss, report_id=report.pk, decision="hide").decision,
                     lambda: services.report_decide(actor=nss, report_id=report.pk, decision="keep").decision])
    assert sorted(kind for kind, _value in outcomes) == [REFUSED, WON], outcomes
    assert [value for kind, value in outcomes if kind == REFUSED] == ["already_decided"]
    assert Report.objects.get().decision == [value for kind, value in outcomes if kind == WON][0]
    assert AuditEntry.objects.filter(action="report.decided").count() == 1
