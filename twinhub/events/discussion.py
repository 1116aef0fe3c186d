"""A learning event's discussion space is a group (twinhub.groups): threads and replies, hiding,
reports and moderation come with it, as in any group (decision 39).

The group is made with the event and belongs to it: it is not listed in the group directory, nobody
joins it by themselves (invitation policy), and its members follow the event — the organisers (and,
for a project's event, the project's administrators) moderate it; whoever holds a place is a member,
from registering (or moving up from the waiting list) until cancelling. Cancelling the event
archives the group, so the discussion stays readable. These helpers run inside the events services'
transactions, under the event's row lock."""

from django.db.models import F

from twinhub.accounts.models import User
from twinhub.core.audit import audit_record
from twinhub.events.codes import EventAudit
from twinhub.events.models import Event, EventKind
from twinhub.groups.models import Group, GroupMembership, GroupState, JoinPolicy, MemberStatus
from twinhub.projects.models import ProjectMember
from twinhub.projects.rules import ADMIN_ROLES

TOPIC = "cross_curricular"  # a group's topic is a subject; a learning event's discussion is about teaching


def _count(group_id: int, delta: int) -> None:
    Group.objects.filter(pk=group_id).update(member_count=F("member_count") + delta)


def discussion_open(event: Event, organiser: User) -> Group | None:
    """Make the learning event's group, with its moderators; seminars have none."""
    if event.kind != EventKind.LEARNING:
        return None
    group = Group.objects.create(title=event.title, description=event.description[:4000], topic=TOPIC,
                                 language=event.language, country=event.country, join_policy=JoinPolicy.INVITATION,
                                 state=GroupState.ACTIVE, created_by=organiser, decided_by=organiser)
    moderators = {organiser.pk}
    if event.project_id is not None:
        moderators |= set(ProjectMember.objects.filter(project_id=event.project_id, role__in=ADMIN_ROLES)
                           .values_list("user_id", flat=True))
    GroupMembership.objects.bulk_create([GroupMembership(group=group, user_id=pk, status=MemberStatus.ACTIVE,
                                                         is_moderator=True) for pk in sorted(moderators)])
    _count(group.pk, len(moderators))
    event.discussion = group
    event.save(update_fields=["discussion"])
    audit_record(actor=organiser, action=EventAudit.DISCUSSION_OPENED, obj=event, group=group.pk)
    return group


def discussion_admit(event: Event, user_id: int) -> None:
    """Someone now holds a place: they read and write in the discussion."""
    if event.discussion_id is None:
        return
    membership, created = GroupMembership.objects.get_or_create(
        group_id=event.discussion_id, user_id=user_id, defaults={"status": MemberStatus.ACTIVE})
    if created:
        _count(event.discussion_id, 1)
    elif membership.status != MemberStatus.ACTIVE:
        GroupMembership.objects.filter(pk=membership.pk).update(status=MemberStatus.ACTIVE)
        _count(event.discussion_id, 1)


def discussion_dismiss(event: Event, user_id: int) -> None:
    """Someone gave up their place: they leave the discussion (its moderators stay)."""
    if event.discussion_id is None:
        return
    deleted, _rows = GroupMembership.objects.filter(group_id=event.discussion_id, user_id=user_id,
                                                    is_moderator=False, status=MemberStatus.ACTIVE).delete()
    if deleted:
        _count(event.discussion_id, -deleted)


def discussion_follow(event: Event) -> None:
    """The event was edited or cancelled: the group's title, language and state follow it."""
    if event.discussion_id is None:
        return
    state = GroupState.ARCHIVED if event.status == "cancelled" else GroupState.ACTIVE
    Group.objects.filter(pk=event.discussion_id).update(title=event.title, description=event.description[:4000],
                                                       language=event.language, state=state)
