"""Writes of Groups, the partner-finding forum and moderation. Each runs in one transaction: it
fetches through a permission-checked selector (locking the group row where members or content
change), asks the rule, writes, and records the audit row; notifications are rows now and e-mails
after commit."""

from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from twinhub.accounts.models import User
from twinhub.contacts import services as contact_services
from twinhub.contacts.selectors import contact_request_check
from twinhub.core.audit import audit_record
from twinhub.core.errors import Refusal, enforce, not_found
from twinhub.core.notifications import notify
from twinhub.core.sanitize import sanitize_html
from twinhub.groups import rules, selectors
from twinhub.groups.codes import GroupAudit, GroupNotice
from twinhub.groups.models import (
    Group,
    GroupActivity,
    GroupMaterial,
    GroupMembership,
    GroupPage,
    GroupPost,
    GroupState,
    GroupThread,
    MemberStatus,
    PartnerAnswer,
    PartnerMessage,
    PartnerPost,
    PartnerPostState,
    Report,
    ReportState,
    ReportTarget,
)
from twinhub.projects.models import ProjectMember
from twinhub.schools.selectors import etwinner_refusal_for
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import capability_holders
from twinhub.twinspace import rules as twinspace_rules
from twinhub.twinspace import services as twinspace_services
from twinhub.twinspace.models import Material as TwinSpaceMaterial

GROUP_STORAGE_QUOTA = 2 * 1024 * 1024 * 1024
EXCERPT_LENGTH = 500


def _country_of(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.country if profile is not None else ""


def _activity(view: selectors.GroupView, kind: str, url: str, actor: User, **params) -> None:
    GroupActivity.objects.create(group=view.group, kind=kind, actor_name=actor.display_name, params=params, url=url)
    Group.objects.filter(pk=view.group.pk).update(last_activity_at=timezone.now())


def _membership_change(group: Group, delta: int) -> None:
    Group.objects.filter(pk=group.pk).update(member_count=F("member_count") + delta)


# --- Groups: creating, proposing, deciding, archiving ------------------------------------------------

def _values(title: str, description: str, topic: str, language: str, join_policy: str) -> dict:
    enforce(rules.group_values_refusal(title=title, description=description, topic=topic, language=language,
                                      join_policy=join_policy))
    return {"title": title.strip(), "description": description.strip(), "topic": topic, "language": language,
            "join_policy": join_policy}


def _found(group: Group, creator: User) -> None:
    GroupMembership.objects.create(group=group, user=creator, status=MemberStatus.ACTIVE, is_moderator=True)
    _membership_change(group, 1)


@transaction.atomic
def group_create(*, actor: User, title: str, description: str, topic: str, language: str,
                 join_policy: str, country: str) -> Group:
    """NSS (for their country) and CSS (any, or "" for a European group) create active groups."""
    enforce(rules.group_create_refusal(may_create=selectors.is_network_staff_for(actor, country)))
    group = Group.objects.create(country=country, state=GroupState.ACTIVE, created_by=actor, decided_by=actor,
                                 **_values(title, description, topic, language, join_policy))
    _found(group, actor)
    audit_record(actor=actor, action=GroupAudit.CREATED, obj=group, country=country)
    return group


@transaction.atomic
def group_propose(*, actor: User, title: str, description: str, topic: str, language: str,
                  join_policy: str) -> Group:
    """An eTwinner proposes a group; the NSS of their country approves it."""
    enforce(etwinner_refusal_for(actor))
    country = _country_of(actor)
    group = Group.objects.create(country=country, state=GroupState.PROPOSED, created_by=actor,
                                 **_values(title, description, topic, language, join_policy))
    _found(group, actor)
    audit_record(actor=actor, action=GroupAudit.PROPOSED, obj=group, country=country)
    for role in capability_holders(Capability.MODERATE_NETWORK, country):
        notify(user=role.user, kind=GroupNotice.PROPOSED, params={"name": actor.display_name, "group": group.title},
               url=reverse("group_proposals"))
    return group


@transaction.atomic
def group_decide_proposal(*, actor: User, group_id: int, approve: bool, reason: str = "") -> Group:
    group = Group.objects.select_for_update().filter(pk=group_id).first()
    if group is None or not selectors.is_network_staff_for(actor, group.country):
        raise not_found()
    enforce(rules.proposal_decision_refusal(state=group.state, approve=approve, reason=reason))
    group.state = GroupState.ACTIVE if approve else GroupState.REJECTED
    group.decided_by, group.decision_reason = actor, reason.strip()
    group.save(update_fields=["state", "decided_by", "decision_reason"])
    audit_record(actor=actor, action=GroupAudit.APPROVED if approve else GroupAudit.REJECTED, obj=group,
                 reason=reason.strip())
    if group.created_by is not None:
        notify(user=group.created_by, kind=GroupNotice.PROPOSAL_DECIDED,
               params={"group": group.title, "approved": approve, "reason": reason.strip()},
               url=reverse("group_home", args=[group.pk]), email_template="groups/email/proposal_decided")
    return group


@transaction.atomic
def group_archive(*, actor: User, group_id: int) -> Group:
    view = selectors.group_view(actor, group_id, lock=True)
    view.require(rules.ARCHIVE)
    group = view.group
    group.state = GroupState.ARCHIVED
    group.save(update_fields=["state"])
    audit_record(actor=actor, action=GroupAudit.ARCHIVED, obj=group)
    return group


# --- Members ---------------------------------------------------------------------------------------

def _require_active(view: selectors.GroupView) -> None:
    enforce(view.state_refusal)


@transaction.atomic
def group_join(*, user: User, group_id: int) -> GroupMembership:
    """Join an open or eTwinners-only group, or accept an invitation."""
    view = selectors.group_view(user, group_id, lock=True)
    if view.status != MemberStatus.ACTIVE:
        view.require(rules.JOIN)
    _require_active(view)
    policy = view.group.join_policy
    enforce(rules.join_refusal(policy=policy, status=view.status,
                              etwinner_refusal=etwinner_refusal_for(user) if policy == "etwinners" else None,
                              moderators=selectors.moderator_names(view.group)))
    membership = view.membership or GroupMembership(group=view.group, user=user)
    membership.status = MemberStatus.ACTIVE
    membership.save()
    _membership_change(view.group, 1)
    _activity(view, "member_joined", reverse("group_members", args=[group_id]), user)
    audit_record(actor=user, action=GroupAudit.JOINED, obj=membership, group=group_id)
    return membership


def _notify_moderators(group: Group, *, kind: str, params: dict, url: str, but: User | None = None) -> None:
    moderators = GroupMembership.objects.filter(group=group, is_moderator=True, status=MemberStatus.ACTIVE)
    for m in moderators.select_related("user", "user__profile"):
        if but is None or m.user_id != but.pk:
            notify(user=m.user, kind=kind, params=params, url=url)


@transaction.atomic
def group_request_join(*, user: User, group_id: int) -> GroupMembership:
    view = selectors.group_view(user, group_id, lock=True)
    view.require(rules.JOIN)
    _require_active(view)
    enforce(rules.join_request_refusal(policy=view.group.join_policy, status=view.status,
                                      moderators=selectors.moderator_names(view.group)))
    if view.status == MemberStatus.INVITED:  # asked while invited: that is accepting
        return group_join(user=user, group_id=group_id)
    membership = GroupMembership.objects.create(group=view.group, user=user, status=MemberStatus.REQUESTED)
    audit_record(actor=user, action=GroupAudit.JOIN_REQUESTED, obj=membership, group=group_id)
    _notify_moderators(view.group, kind=GroupNotice.JOIN_REQUESTED,
                       params={"name": user.display_name, "group": view.group.title},
                       url=reverse("group_members", args=[group_id]))
    return membership


def _member(view: selectors.GroupView, user_id: int, *, status: str | None = None) -> GroupMembership:
    qs = GroupMembership.objects.filter(group=view.group, user_id=user_id).select_related("user")
    membership = qs.filter(status=status).first() if status else qs.first()
    if membership is None:
        raise not_found()
    return membership


@transaction.atomic
def group_invite(*, actor: User, group_id: int, user_id: int) -> GroupMembership:
    view = selectors.group_view(actor, group_id, lock=True)
    view.require(rules.MANAGE_MEMBERS)
    invitee = User.objects.filter(pk=user_id, is_active=True).first()
    if invitee is None:
        raise not_found()
    existing = GroupMembership.objects.filter(group=view.group, user=invitee).first()
    if existing is not None and existing.status == MemberStatus.REQUESTED:
        return group_request_decide(actor=actor, group_id=group_id, user_id=user_id, accept=True)
    enforce(rules.invite_refusal(status=existing.status if existing else None, name=invitee.display_name))
    membership = GroupMembership.objects.create(group=view.group, user=invitee, status=MemberStatus.INVITED)
    audit_record(actor=actor, action=GroupAudit.INVITED, obj=membership, group=group_id)
    notify(user=invitee, kind=GroupNotice.INVITED, params={"name": actor.display_name, "group": view.group.title},
           url=reverse("group_home", args=[group_id]), email_template="groups/email/invited")
    return membership


@transaction.atomic
def group_request_decide(*, actor: User, group_id: int, user_id: int, accept: bool) -> GroupMembership:
    view = selectors.group_view(actor, group_id, lock=True)
    view.require(rules.MANAGE_MEMBERS)
    membership = _member(view, user_id, status=MemberStatus.REQUESTED)
    if accept:
        membership.status = MemberStatus.ACTIVE
        membership.save(update_fields=["status"])
        _membership_change(view.group, 1)
        _activity(view, "member_joined", reverse("group_members", args=[group_id]), membership.user)
        notify(user=membership.user, kind=GroupNotice.MEMBER_ACCEPTED, params={"group": view.group.title},
               url=reverse("group_home", args=[group_id]))
    else:
        membership.delete()
    audit_record(actor=actor, action=GroupAudit.MEMBER_ACCEPTED if accept else GroupAudit.MEMBER_REMOVED,
                 obj=view.group, user=user_id, request=True)
    return membership


def _other_moderators(group: Group, user_id: int) -> int:
    return GroupMembership.objects.filter(group=group, is_moderator=True, status=MemberStatus.ACTIVE).exclude(
        user_id=user_id).count()


@transaction.atomic
def group_leave(*, user: User, group_id: int) -> None:
    view = selectors.group_view(user, group_id, lock=True)
    membership = view.membership
    enforce(rules.leave_refusal(status=view.status, is_moderator=bool(membership and membership.is_moderator
                                                                    and membership.status == MemberStatus.ACTIVE),
                               other_moderators=_other_moderators(view.group, user.pk)))
    if membership.status == MemberStatus.ACTIVE:
        _membership_change(view.group, -1)
    audit_record(actor=user, action=GroupAudit.LEFT, obj=view.group, status=membership.status)
    membership.delete()


@transaction.atomic
def group_member_remove(*, actor: User, group_id: int, user_id: int) -> None:
    view = selectors.group_view(actor, group_id, lock=True)
    view.require(rules.MANAGE_MEMBERS)
    membership = _member(view, user_id)
    enforce(rules.member_removal_refusal(is_self=user_id == actor.pk, target_is_moderator=membership.is_moderator,
                                        other_moderators=_other_moderators(view.group, user_id)))
    if membership.status == MemberStatus.ACTIVE:
        _membership_change(view.group, -1)
    audit_record(actor=actor, action=GroupAudit.MEMBER_REMOVED, obj=view.group, user=user_id)
    membership.delete()


@transaction.atomic
def group_moderator_name(*, actor: User, group_id: int, user_id: int) -> GroupMembership:
    view = selectors.group_view(actor, group_id, lock=True)
    view.require(rules.MANAGE_MEMBERS)
    _require_active(view)
    membership = _member(view, user_id, status=MemberStatus.ACTIVE)
    membership.is_moderator = True
    membership.save(update_fields=["is_moderator"])
    audit_record(actor=actor, action=GroupAudit.MODERATOR_NAMED, obj=membership, group=group_id)
    return membership


# --- Content: the TwinSpace's building blocks in a group ------------------------------------------------

def _author(user: User) -> dict:
    return {"author_user": user, "author_pupil": None}


@transaction.atomic
def thread_create(*, user: User, group_id: int, title: str, body_html: str) -> GroupThread:
    view = selectors.group_view(user, group_id, lock=True)
    view.require(rules.THREAD_START)
    enforce(twinspace_rules.title_refusal(title=title))
    body = sanitize_html(body_html)
    enforce(twinspace_rules.post_body_refusal(body_html=body))
    now = timezone.now()
    thread = GroupThread.objects.create(group=view.group, title=title.strip(), last_post_at=now, **_author(user))
    GroupPost.objects.create(thread=thread, body_html=body, **_author(user))
    _activity(view, "thread_created", reverse("group_thread", args=[group_id, thread.pk]), user, thread=thread.title,
              thread_id=thread.pk)
    audit_record(actor=user, action=GroupAudit.THREAD_CREATED, obj=thread, group=group_id)
    return thread


@transaction.atomic
def post_create(*, user: User, group_id: int, thread_id: int, body_html: str) -> GroupPost:
    view = selectors.group_view(user, group_id, lock=True)
    view.require(rules.REPLY)
    thread = selectors.thread_for(view, thread_id)
    body = sanitize_html(body_html)
    enforce(twinspace_rules.post_body_refusal(body_html=body))
    post = GroupPost.objects.create(thread=thread, body_html=body, **_author(user))
    GroupThread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    _activity(view, "post_created", reverse("group_thread", args=[group_id, thread.pk]), user, thread=thread.title,
              thread_id=thread.pk)
    audit_record(actor=user, action=GroupAudit.POST_CREATED, obj=post, group=group_id)
    return post


def _changeable(view: selectors.GroupView, what: str, change: str, item_id: int):
    """The page, material or post to change, once this person may make this change to it (its
    author, the moderators; nobody in an archived group). A change only moderators make is refused
    as such before the item is read."""
    if rules.CONTENT_CHANGES.get((what, change), "") is None:
        view.require(rules.MODERATE)
    read = {"post": selectors.post_for, "page": selectors.page_for, "material": selectors.material_for}[what]
    item = read(view, item_id)
    enforce(view.change_permission(what, change, item))
    return item


@transaction.atomic
def post_moderate(*, actor: User, group_id: int, post_id: int, hidden: bool) -> GroupPost:
    """A moderator hides (or shows again) a post; hiding a thread's first post hides the thread."""
    view = selectors.group_view(actor, group_id, lock=True)
    post = _changeable(view, "post", rules.HIDE if hidden else rules.SHOW, post_id)
    _hide_group_post(post, hidden)
    audit_record(actor=actor, action=GroupAudit.POST_HIDDEN, obj=post, hidden=hidden, group=group_id)
    return post


def _hide_group_post(post: GroupPost, hidden: bool) -> None:
    GroupPost.objects.filter(pk=post.pk).update(is_hidden=hidden)
    post.is_hidden = hidden
    first = GroupPost.objects.filter(thread_id=post.thread_id).order_by("created_at", "id").values_list(
        "pk", flat=True).first()
    if first == post.pk:
        GroupThread.objects.filter(pk=post.thread_id).update(is_hidden=hidden)


@transaction.atomic
def post_remove(*, actor: User, group_id: int, post_id: int) -> None:
    view = selectors.group_view(actor, group_id, lock=True)
    post = _changeable(view, "post", rules.REMOVE, post_id)
    audit_record(actor=actor, action=GroupAudit.POST_REMOVED, obj=post, group=group_id,
                 author=post.author_user_id)
    _remove_group_post(post)


def _remove_group_post(post: GroupPost) -> None:
    thread_id = post.thread_id
    post.delete()
    if not GroupPost.objects.filter(thread_id=thread_id).exists():
        GroupThread.objects.filter(pk=thread_id).delete()


@transaction.atomic
def page_create(*, user: User, group_id: int, title: str, body_html: str = "") -> GroupPage:
    view = selectors.group_view(user, group_id, lock=True)
    view.require(rules.PAGE_WRITE)
    enforce(twinspace_rules.title_refusal(title=title))
    position = GroupPage.objects.filter(group=view.group).count()
    page = GroupPage.objects.create(group=view.group, title=title.strip(), body_html=sanitize_html(body_html),
                                    position=position, **_author(user))
    _activity(view, "page_created", reverse("group_page", args=[group_id, page.pk]), user, page=page.title)
    audit_record(actor=user, action=GroupAudit.PAGE_CREATED, obj=page, group=group_id)
    return page


@transaction.atomic
def page_update(*, actor: User, group_id: int, page_id: int, title: str, body_html: str) -> GroupPage:
    """Its author or a moderator edits a page (title and text, through the one sanitiser)."""
    view = selectors.group_view(actor, group_id, lock=True)
    page = _changeable(view, "page", rules.EDIT, page_id)
    enforce(twinspace_rules.title_refusal(title=title))
    page.title, page.body_html = title.strip(), sanitize_html(body_html)
    page.save(update_fields=["title", "body_html", "updated_at"])
    audit_record(actor=actor, action=GroupAudit.PAGE_UPDATED, obj=page, group=group_id)
    return page


def _set_hidden(*, actor: User, group_id: int, kind: str, item_id: int, hidden: bool, action: str):
    """A moderator hides a page or material, or shows it again (one path for both kinds)."""
    view = selectors.group_view(actor, group_id, lock=True)
    item = _changeable(view, kind, rules.HIDE if hidden else rules.SHOW, item_id)
    type(item).objects.filter(pk=item.pk).update(is_hidden=hidden)
    item.is_hidden = hidden
    audit_record(actor=actor, action=action, obj=item, hidden=hidden, group=group_id)
    return item


@transaction.atomic
def page_hide(*, actor: User, group_id: int, page_id: int, hidden: bool) -> GroupPage:
    return _set_hidden(actor=actor, group_id=group_id, kind="page", item_id=page_id, hidden=hidden,
                       action=GroupAudit.PAGE_HIDDEN)


@transaction.atomic
def page_remove(*, actor: User, group_id: int, page_id: int) -> None:
    view = selectors.group_view(actor, group_id, lock=True)
    page = _changeable(view, "page", rules.REMOVE, page_id)
    audit_record(actor=actor, action=GroupAudit.PAGE_REMOVED, obj=page, group=group_id, title=page.title,
                 author=page.author_user_id)
    page.delete()


@transaction.atomic
def material_rename(*, actor: User, group_id: int, material_id: int, name: str) -> GroupMaterial:
    view = selectors.group_view(actor, group_id, lock=True)
    material = _changeable(view, "material", rules.EDIT, material_id)
    enforce(twinspace_rules.title_refusal(title=name))
    material.name = name.strip()[:200]
    material.save(update_fields=["name"])
    audit_record(actor=actor, action=GroupAudit.MATERIAL_RENAMED, obj=material, group=group_id)
    return material


@transaction.atomic
def material_hide(*, actor: User, group_id: int, material_id: int, hidden: bool) -> GroupMaterial:
    return _set_hidden(actor=actor, group_id=group_id, kind="material", item_id=material_id, hidden=hidden,
                       action=GroupAudit.MATERIAL_HIDDEN)


@transaction.atomic
def material_remove(*, actor: User, group_id: int, material_id: int) -> None:
    view = selectors.group_view(actor, group_id, lock=True)
    material = _changeable(view, "material", rules.REMOVE, material_id)
    audit_record(actor=actor, action=GroupAudit.MATERIAL_REMOVED, obj=material, group=group_id, name=material.name,
                 author=material.author_user_id)
    twinspace_services.discard_material(material=material)


def material_upload(*, user: User, group_id: int, upload: UploadedFile, name: str = "") -> GroupMaterial:
    """The TwinSpace's material checks (type from content, size per kind, the space's quota)."""
    sniffed = twinspace_services.sniff_upload(upload=upload)
    with transaction.atomic():
        view = selectors.group_view(user, group_id, lock=True)
        view.require(rules.MATERIAL_UPLOAD)
        used = sum(GroupMaterial.objects.filter(group=view.group).values_list("size", flat=True))
        kind, mime, thumb = twinspace_services.checked_upload(upload=upload, sniffed=sniffed, used=used,
                                                              quota=GROUP_STORAGE_QUOTA)
        material = GroupMaterial(group=view.group, name=(name or getattr(upload, "name", "") or "file").strip()[:200],
                                 kind=kind, content_type=mime, size=upload.size, **_author(user))
        material.file.save("upload", upload, save=False)
        if thumb:
            material.thumbnail.save("thumb", ContentFile(thumb), save=False)
        stored = [material.file.name] + ([material.thumbnail.name] if thumb else [])
        try:
            material.save()
            _activity(view, "material_uploaded", reverse("group_materials", args=[group_id]), user,
                      material=material.name)
            audit_record(actor=user, action=GroupAudit.MATERIAL_UPLOADED, obj=material, size=material.size)
        except Exception:
            for path in stored:
                material.file.storage.delete(path)
            raise
    return material


# --- Partner finding ------------------------------------------------------------------------------------

def _partner_values(*, title: str, idea: str, subjects, age_ranges, languages, countries_wanted,
                    period_start: date | None, period_end: date | None) -> dict:
    values = {"title": title.strip(), "idea": idea.strip(), "subjects": sorted(set(subjects)),
              "age_ranges": sorted(set(age_ranges)), "languages": sorted(set(languages)),
              "countries_wanted": sorted(set(countries_wanted)), "period_start": period_start,
              "period_end": period_end}
    enforce(rules.partner_post_values_refusal(today=timezone.localdate(), **values))
    return values


@transaction.atomic
def partner_post_create(*, author: User, title: str, idea: str, subjects: list[str], age_ranges: list[str],
                        languages: list[str], countries_wanted: list[str], period_start: date | None,
                        period_end: date | None) -> PartnerPost:
    enforce(etwinner_refusal_for(author))
    values = _partner_values(title=title, idea=idea, subjects=subjects, age_ranges=age_ranges, languages=languages,
                             countries_wanted=countries_wanted, period_start=period_start, period_end=period_end)
    post = PartnerPost.objects.create(
        author=author, author_country=_country_of(author),
        expires_at=timezone.now() + timedelta(days=rules.PARTNER_POST_DAYS),
        document=f"{values['title']} {values['idea']}".lower(), **values)
    audit_record(actor=author, action=GroupAudit.PARTNER_POST_CREATED, obj=post)
    return post


def _own_post(user: User, post_id: int) -> PartnerPost:
    post = selectors.partner_post_for(user, post_id)
    post = PartnerPost.objects.select_for_update().get(pk=post.pk)
    enforce(rules.partner_author_refusal(is_author=post.author_id == user.pk))
    return post


@transaction.atomic
def partner_post_renew(*, user: User, post_id: int) -> PartnerPost:
    post = _own_post(user, post_id)
    enforce(rules.partner_post_open_refusal(state=post.state, expires_at=timezone.now() + timedelta(days=1),
                                           now=timezone.now(), author_name=user.display_name))
    post.expires_at, post.reminded_at = timezone.now() + timedelta(days=rules.PARTNER_POST_DAYS), None
    post.save(update_fields=["expires_at", "reminded_at"])
    audit_record(actor=user, action=GroupAudit.PARTNER_POST_RENEWED, obj=post, until=post.expires_at.isoformat())
    return post


@transaction.atomic
def partner_posts_remind_expiring(*, now: datetime | None = None) -> int:
    """Tell the authors of open posts that expire within a week, once per period shown (renewing
    starts a new one). Idempotent: a second run finds nobody left to remind."""
    now = now or timezone.now()
    due = (PartnerPost.objects
           .filter(state=PartnerPostState.OPEN, is_hidden=False, reminded_at__isnull=True, expires_at__gt=now,
                   expires_at__lte=now + timedelta(days=rules.PARTNER_POST_REMIND_DAYS))
           .select_related("author", "author__profile"))
    reminded = 0
    for post in due:
        # Claimed by this update: a simultaneous run finds it reminded and skips it.
        if not PartnerPost.objects.filter(pk=post.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue
        notify(user=post.author, kind=GroupNotice.PARTNER_EXPIRING,
               params={"post": post.title, "until": post.expires_at.isoformat()},
               url=reverse("partner_post", args=[post.pk]), email_template="groups/email/partner_expiring")
        audit_record(actor=None, action=GroupAudit.PARTNER_POST_REMINDED, obj=post)
        reminded += 1
    return reminded


@transaction.atomic
def partner_post_close(*, user: User, post_id: int) -> PartnerPost:
    post = _own_post(user, post_id)
    enforce(rules.partner_post_open_refusal(state=post.state, expires_at=timezone.now() + timedelta(days=1),
                                           now=timezone.now(), author_name=user.display_name))
    post.state = PartnerPostState.CLOSED
    post.save(update_fields=["state"])
    audit_record(actor=user, action=GroupAudit.PARTNER_POST_CLOSED, obj=post)
    return post


def _message(answer: PartnerAnswer, sender: User, body: str) -> PartnerMessage:
    message = PartnerMessage.objects.create(answer=answer, sender=sender, body=body.strip())
    PartnerAnswer.objects.filter(pk=answer.pk).update(last_message_at=message.created_at)
    return message


@transaction.atomic
def partner_answer(*, user: User, post_id: int, body: str,
                   contact_request: bool = False) -> tuple[PartnerAnswer, Refusal | None]:
    """Answer a post: a conversation with its author opens (or continues) and, when asked, a
    contact request goes to the author in the same step. Rule 6 still decides that request: when it
    refuses (already contacts, a request pending…), the answer is sent and the refusal is returned
    so the page can explain it."""
    post = selectors.partner_post_for(user, post_id)
    post = PartnerPost.objects.select_for_update().select_related("author").get(pk=post.pk)
    enforce(rules.partner_answer_refusal(
        is_author=post.author_id == user.pk,
        open_refusal=rules.partner_post_open_refusal(state=post.state, expires_at=post.expires_at,
                                                     now=timezone.now(), author_name=post.author.display_name)))
    enforce(rules.message_body_refusal(body=body))
    answer, created = PartnerAnswer.objects.get_or_create(post=post, author=user)
    _message(answer, user, body)
    audit_record(actor=user, action=GroupAudit.PARTNER_POST_ANSWERED, obj=answer, post=post.pk, new=created)
    notify(user=post.author, kind=GroupNotice.PARTNER_ANSWERED, params={"name": user.display_name, "post": post.title},
           url=reverse("partner_answer", args=[answer.pk]), email_template="groups/email/partner_answered")
    contact_refusal = None
    if contact_request:
        contact_refusal = contact_request_check(user, post.author)
        if contact_refusal is None:
            contact_services.contact_request_send(sender=user, to_user_id=post.author_id,
                                                  message=body.strip()[:1000])
    return answer, contact_refusal


@transaction.atomic
def partner_message_send(*, user: User, answer_id: int, body: str) -> PartnerMessage:
    answer = selectors.answer_for(user, answer_id)
    enforce(rules.message_body_refusal(body=body))
    message = _message(answer, user, body)
    other = answer.post.author if user.pk == answer.author_id else answer.author
    audit_record(actor=user, action=GroupAudit.PARTNER_MESSAGE_SENT, obj=message, answer=answer.pk)
    notify(user=other, kind=GroupNotice.PARTNER_MESSAGE, params={"name": user.display_name, "post": answer.post.title},
           url=reverse("partner_answer", args=[answer.pk]))
    return message


# --- Moderation --------------------------------------------------------------------------------------------

def _excerpt(html: str) -> str:
    return strip_tags(html).strip()[:EXCERPT_LENGTH]


def _words(item) -> str:
    """What the moderators read of a piece of content: a post's or page's text, a material's name."""
    if hasattr(item, "body_html"):
        title = getattr(item, "title", "")
        return _excerpt(f"<p>{title}</p>{item.body_html}" if title else item.body_html)
    return item.name[:EXCERPT_LENGTH]


def _report_facts(reporter: User, target: str, target_id: int) -> dict:
    """What the report records about its target, read as the reporter may see it (a target they
    cannot see is "not found"). A pupil's words are not copied: they stay inside the TwinSpace."""
    found = selectors.reported_content(reporter, target, target_id, action=rules.REPORT)
    item = found.item
    if target == ReportTarget.PARTNER_POST:
        return {"author": item.author, "excerpt": f"{item.title}\n{item.idea}"[:EXCERPT_LENGTH]}
    if target == ReportTarget.PROFILE:
        return {"author": item, "excerpt": _excerpt(item.profile.bio)}
    if found.group is not None:
        return {"group": found.group, "author": item.author_user, "excerpt": _words(item)}
    by_pupil = item.author_pupil_id is not None
    return {"project": found.project, "author": item.author_user, "author_is_pupil": by_pupil,
            "excerpt": "" if by_pupil else _words(item)}


@transaction.atomic
def report_file(*, reporter: User, target: str, target_id: int, reason: str) -> Report:
    if target not in ReportTarget.values:
        raise not_found()
    facts = _report_facts(reporter, target, target_id)
    author = facts.get("author")
    already = Report.objects.filter(reporter=reporter, target=target, target_id=target_id,
                                    state=ReportState.OPEN).exists()
    enforce(rules.report_refusal(reason=reason, is_own=author is not None and author.pk == reporter.pk,
                                already_reported=already))
    author_country = "" if facts.get("author_is_pupil") else (_country_of(author) if author else "")
    try:
        with transaction.atomic():
            report = Report.objects.create(target=target, target_id=target_id, reporter=reporter,
                                           reason=reason.strip(), author_country=author_country, **facts)
    except IntegrityError:  # the same reporter's simultaneous report won
        enforce(rules.report_refusal(reason=reason, is_own=False, already_reported=True))
    audit_record(actor=reporter, action=GroupAudit.REPORTED, obj=report, target=target, target_id=target_id)
    _notify_deciders(report)
    return report


def _notify_deciders(report: Report) -> None:
    params = {"target": report.target}
    url = reverse("moderation_queue")
    if report.group_id:
        _notify_moderators(report.group, kind=GroupNotice.REPORT_FILED, params=params, url=url, but=report.reporter)
    if report.project_id:  # the project's teachers decide TwinSpace content (alone, for a pupil's)
        teachers = ProjectMember.objects.filter(project_id=report.project_id).exclude(user=report.reporter)
        for member in teachers.select_related("user", "user__profile"):
            notify(user=member.user, kind=GroupNotice.REPORT_FILED, params=params, url=url)
    if report.author_country and not report.author_is_pupil:
        for role in capability_holders(Capability.MODERATE_NETWORK, report.author_country):
            notify(user=role.user, kind=GroupNotice.REPORT_FILED, params=params, url=url)


def _target_object(report: Report):
    model = selectors.REPORTED_MODELS.get(report.target)
    return model.objects.filter(pk=report.target_id).first() if model else None


def _apply(decision: str, obj) -> None:
    """Hide or remove the reported content where it lives (a post that opens its thread takes the
    thread with it; a material's files go once the decision commits)."""
    if decision == "hide":
        if isinstance(obj, GroupPost):
            _hide_group_post(obj, True)
        else:
            type(obj).objects.filter(pk=obj.pk).update(is_hidden=True)
    elif decision == "remove":
        if isinstance(obj, GroupPost):
            _remove_group_post(obj)
        elif isinstance(obj, (GroupMaterial, TwinSpaceMaterial)):
            twinspace_services.discard_material(material=obj)
        else:
            obj.delete()


@transaction.atomic
def report_decide(*, actor: User, report_id: int, decision: str, note: str = "") -> Report:
    """Keep, hide, remove or warn: applied, audited, the author warned (warn) and every reporter of
    the same content told the outcome. Other open reports of the same content are decided with it."""
    report = selectors.report_for_moderator(actor, report_id, for_update=True)
    obj = _target_object(report)
    enforce(rules.decision_refusal(state=report.state, decision=decision, target=report.target,
                                  target_exists=obj is not None or report.target == ReportTarget.PROFILE))
    audit_record(actor=actor, action=GroupAudit.REPORT_DECIDED, obj=report, decision=decision,
                 target=report.target, target_id=report.target_id, note=note.strip()[:2000])
    _apply(decision, obj)
    now = timezone.now()
    same = list(Report.objects.select_for_update().filter(target=report.target, target_id=report.target_id,
                                                          state=ReportState.OPEN).select_related("reporter"))
    Report.objects.filter(pk__in=[r.pk for r in same]).update(
        state=ReportState.DECIDED, decision=decision, decision_note=note.strip()[:2000], decided_by=actor,
        decided_at=now)
    for other in same:
        notify(user=other.reporter, kind=GroupNotice.REPORT_OUTCOME,
               params={"target": report.target, "decision": decision, "note": note.strip()[:2000]},
               url=reverse("my_reports"))
    if decision == "warn" and report.author is not None:
        notify(user=report.author, kind=GroupNotice.WARNED, params={"target": report.target, "note": note.strip()[:2000]},
               url="", email_template="groups/email/warned")
    report.refresh_from_db()
    return report
