"""Writes about events. Each runs in one transaction with its audit row; notifications are
created in it and e-mails leave after commit.

Concurrency: everything that changes who holds a place (registering, cancelling, a larger
capacity) first locks the event's row, so places are counted by one request at a time and the
waiting list moves up exactly once per freed place. The unique (event, user) constraint is the
last line behind "already registered"."""

from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.core.audit import audit_record
from twinhub.core.certificates import new_verification_code
from twinhub.core.errors import ApplicationError, Refusal, not_found
from twinhub.core.notifications import notify
from twinhub.events import rules, selectors
from twinhub.events.codes import EventAudit, EventNotice
from twinhub.events.discussion import discussion_admit, discussion_dismiss, discussion_follow, discussion_open
from twinhub.events.models import (
    Activity,
    ActivityCompletion,
    Event,
    EventStatus,
    GalleryConsent,
    GalleryEntry,
    Kit,
    KitWeek,
    Material,
    Registration,
    RegistrationStatus,
)
from twinhub.events.timezones import zone_for_user
from twinhub.projects.models import ProjectMember
from twinhub.projects.rules import ADMIN_ROLES
from twinhub.schools.selectors import etwinner_refusal_for
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach
from twinhub.twinspace import services as space_services


def _check(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ApplicationError(refusal)


def _event_url(event: Event) -> str:
    return reverse("event_detail", args=[event.pk])


def _notice_params(event: Event, user: User) -> dict:
    """The event's time travels with the recipient's zone; the words are chosen when read."""
    return {"title": event.title, "starts_at": event.starts_at.isoformat(), "zone": zone_for_user(user).key}


# --- Events -------------------------------------------------------------------------------------

@transaction.atomic
def event_create(*, actor: User, kind: str, title: str, language: str, starts_at: datetime | None,
                 ends_at: datetime | None, capacity: int | None, description: str = "", audience: str = "all",
                 country: str = "", link: str = "", project_id: int | None = None) -> Event:
    """NSS/CSS organise events for everyone; a project's administrators organise the project's."""
    project = None
    if project_id is not None:
        member = ProjectMember.objects.select_related("project").filter(project_id=project_id, user=actor).first()
        if member is None:
            raise not_found()
        project, country = member.project, ""
        _check(rules.create_refusal(project_event=True, is_project_admin=member.role in ADMIN_ROLES,
                                    staff_covers=False))
    else:
        country = (country or "").upper()
        _check(rules.create_refusal(project_event=False, is_project_admin=False,
                                    staff_covers=staff_reach(actor, Capability.ORGANISE_EVENTS).covers(country)))
    title, link = title.strip(), link.strip()
    _check(rules.event_values_refusal(kind=kind, title=title, language=language, audience=audience, country=country,
                                      starts_at=starts_at, ends_at=ends_at, link=link, capacity=capacity))
    event = Event.objects.create(kind=kind, title=title, description=description.strip(), language=language,
                                 audience=audience, country=country, organiser=actor, project=project,
                                 starts_at=starts_at, ends_at=ends_at, link=link, capacity=capacity)
    audit_record(actor=actor, action=EventAudit.CREATED, obj=event, kind=kind, country=country,
                 project=project_id, capacity=capacity)
    discussion_open(event, actor)
    return event


@transaction.atomic
def event_update(*, actor: User, event_id: int, title: str, description: str, language: str, audience: str,
                 starts_at: datetime | None, ends_at: datetime | None, link: str, capacity: int | None) -> Event:
    """Change an event's details (not its kind, nor for whom it is). Nobody loses a place: the
    capacity stays at or above the places taken; places freed by a larger capacity go to the
    waiting list in order. A new time is announced to everyone registered or waiting, and their
    reminders are sent again for it (the calendar feed and .ics are read from the event)."""
    event = selectors.event_for_manager(actor, event_id, for_update=True)
    _check(rules.update_refusal(event_status=event.status))
    title, link = title.strip(), link.strip()
    _check(rules.event_values_refusal(kind=event.kind, title=title, language=language, audience=audience,
                                      country=event.country, starts_at=starts_at, ends_at=ends_at, link=link,
                                      capacity=capacity))
    _check(rules.capacity_refusal(capacity=capacity, taken=_taken(event)))
    moved = rules.rescheduled(old=(event.starts_at, event.ends_at), new=(starts_at, ends_at))
    event.title, event.description, event.language, event.audience = title, description.strip(), language, audience
    event.starts_at, event.ends_at, event.link, event.capacity = starts_at, ends_at, link, capacity
    event.save()
    audit_record(actor=actor, action=EventAudit.UPDATED, obj=event, capacity=capacity, rescheduled=moved,
                 starts_at=starts_at.isoformat())
    if moved:
        _announce_new_time(event)
    discussion_follow(event)
    _move_up(event)
    return event


def _announce_new_time(event: Event) -> None:
    live = Registration.objects.filter(event=event, status__in=selectors.LIVE)
    live.update(reminded_day_at=None, reminded_hour_at=None)  # the reminders follow the new time
    for registration in live.select_related("user"):
        notify(user=registration.user, kind=EventNotice.RESCHEDULED, params=_notice_params(event, registration.user),
               url=_event_url(event), email_template="events/email/rescheduled")


@transaction.atomic
def event_cancel(*, actor: User, event_id: int) -> Event:
    event = selectors.event_for_manager(actor, event_id, for_update=True)
    if event.status == EventStatus.CANCELLED:
        return event
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status"])
    audit_record(actor=actor, action=EventAudit.CANCELLED, obj=event)
    discussion_follow(event)  # archived: it stays readable
    for registration in Registration.objects.filter(event=event, status__in=selectors.LIVE).select_related("user"):
        notify(user=registration.user, kind=EventNotice.CANCELLED, params=_notice_params(event, registration.user),
               url=_event_url(event), email_template="events/email/event_cancelled")
    return event


# --- Registration and the waiting list -----------------------------------------------------------

def _taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()


def _move_up(event: Event) -> list[Registration]:
    """Give freed places to the waiting list, first come first served. The caller holds the event's lock."""
    waiting = list(Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
                   .select_related("user").order_by("queued_at", "id")[:rules.MAX_CAPACITY])
    count = rules.places_to_fill(capacity=event.capacity, taken=_taken(event), waiting=len(waiting))
    promoted = waiting[:count]
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
        audit_record(actor=None, action=EventAudit.PROMOTED, obj=registration, event=event.pk)
        discussion_admit(event, registration.user_id)
        notify(user=registration.user, kind=EventNotice.PROMOTED, params=_notice_params(event, registration.user),
               url=_event_url(event), email_template="events/email/promoted")
    return promoted


@transaction.atomic
def registration_create(*, user: User, event_id: int) -> Registration:
    """Register for an event: a place while places are left, otherwise the waiting list."""
    event = selectors.event_for_user(user, event_id, for_update=True)
    now = timezone.now()
    closes_at = rules.registration_closes_at(kind=event.kind, starts_at=event.starts_at, ends_at=event.ends_at)
    existing = Registration.objects.filter(event=event, user=user).first()
    _check(rules.registration_refusal(etwinner_refusal=etwinner_refusal_for(user), event_status=event.status,
                                      closes_at=closes_at, now=now, current=existing.status if existing else None))
    status = rules.seat_for(capacity=event.capacity, taken=_taken(event))
    if existing is not None:  # registering again after cancelling: the back of the queue
        existing.status, existing.queued_at = status, now
        existing.save(update_fields=["status", "queued_at"])
        registration = existing
    else:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(event=event, user=user, status=status, queued_at=now)
        except IntegrityError:  # a simultaneous identical request won (only without row locks)
            _check(rules.registration_refusal(etwinner_refusal=None, event_status=event.status, closes_at=closes_at,
                                              now=now, current=RegistrationStatus.REGISTERED))
            raise
    waiting = status == RegistrationStatus.WAITING
    if not waiting:
        discussion_admit(event, user.pk)
    audit_record(actor=user, action=EventAudit.WAITLISTED if waiting else EventAudit.REGISTERED, obj=registration,
                 event=event.pk)
    notify(user=user, kind=EventNotice.WAITLISTED if waiting else EventNotice.REGISTERED,
           params=_notice_params(event, user), url=_event_url(event))
    return registration


@transaction.atomic
def registration_cancel(*, user: User, event_id: int) -> Registration:
    """Give up a place (or leave the waiting list); the first person waiting moves up."""
    event = selectors.event_for_user(user, event_id, for_update=True)
    registration = Registration.objects.filter(event=event, user=user).first()
    _check(rules.cancel_refusal(current=registration.status if registration else None,
                                event_started=timezone.now() >= event.starts_at))
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    audit_record(actor=user, action=EventAudit.WITHDRAWN, obj=registration, event=event.pk)
    discussion_dismiss(event, user.pk)
    _move_up(event)
    return registration


# --- Attendance and certificates ------------------------------------------------------------------

def _record_attendance(registration: Registration, *, actor: User | None, attended: bool, how: str) -> Registration:
    registration.attended = attended
    registration.attended_at = timezone.now() if attended else None
    if attended and not registration.certificate_code:
        registration.certificate_code = new_verification_code()
    registration.save(update_fields=["attended", "attended_at", "certificate_code"])
    audit_record(actor=actor, action=EventAudit.ATTENDANCE_MARKED, obj=registration, attended=attended, how=how)
    if attended:
        notify(user=registration.user, kind=EventNotice.ATTENDED, params=_notice_params(registration.event, registration.user),
               url=reverse("my_events"), email_template="events/email/attended")
    return registration


@transaction.atomic
def attendance_mark(*, actor: User, event_id: int, registration_id: int, attended: bool) -> Registration:
    """An organiser records who took part; taking part gives a certificate of participation."""
    event = selectors.event_for_manager(actor, event_id, for_update=True)
    registration = (Registration.objects.select_for_update().select_related("user")
                    .filter(pk=registration_id, event=event).first())
    if registration is None:
        raise not_found()
    _check(rules.attendance_refusal(current=registration.status, event_started=timezone.now() >= event.starts_at))
    if registration.attended == attended:
        return registration
    registration.event = event
    return _record_attendance(registration, actor=actor, attended=attended, how="organiser")


# --- Learning events: activities, completion, discussion, materials ---------------------------------

@transaction.atomic
def activity_post(*, actor: User, event_id: int, week: int, title: str, body: str = "") -> Activity:
    event = selectors.event_for_manager(actor, event_id)
    _check(rules.activity_refusal(kind=event.kind))
    _check(rules.activity_values_refusal(title=title, week=week))
    activity = Activity.objects.create(event=event, week=week,
                                       title=title.strip(), body=body.strip(), posted_by=actor)
    audit_record(actor=actor, action=EventAudit.ACTIVITY_POSTED, obj=activity, event=event.pk)
    return activity


@transaction.atomic
def activity_complete(*, user: User, event_id: int, activity_id: int) -> Registration:
    """A participant marks an activity done; the last one done records their attendance."""
    event = selectors.event_for_user(user, event_id)
    _check(rules.activity_refusal(kind=event.kind))
    registration = Registration.objects.select_for_update().filter(event=event, user=user).first()
    _check(rules.attendance_refusal(current=registration.status if registration else None,
                                    event_started=timezone.now() >= event.starts_at))
    activity = Activity.objects.filter(pk=activity_id, event=event).first()
    if activity is None:
        raise not_found()
    _done, created = ActivityCompletion.objects.get_or_create(activity=activity, user=user)
    if created:
        audit_record(actor=user, action=EventAudit.ACTIVITY_COMPLETED, obj=activity, event=event.pk)
    all_ids = set(event.activities.values_list("pk", flat=True))
    if not registration.attended and rules.completed_all(activity_ids=all_ids,
                                                         done_ids=selectors.completed_activity_ids(user, event)):
        registration.event = event
        _record_attendance(registration, actor=None, attended=True, how="activities")
    return registration


@transaction.atomic
def material_add(*, actor: User, event_id: int, title: str, url: str) -> Material:
    event = selectors.event_for_manager(actor, event_id)
    _check(rules.material_refusal(title=title, url=url))
    material = Material.objects.create(event=event, title=title.strip(), url=url.strip(), added_by=actor)
    audit_record(actor=actor, action=EventAudit.MATERIAL_ADDED, obj=material, event=event.pk)
    return material


# --- Reminders ------------------------------------------------------------------------------------

def reminders_send(*, now: datetime | None = None) -> int:
    """Send the reminders that are due (the day before, the hour before), each once: the row is
    claimed by a conditional UPDATE, so two workers never send the same reminder."""
    now = now or timezone.now()
    sent = 0
    upcoming = (Registration.objects.filter(status=RegistrationStatus.REGISTERED, event__status=EventStatus.PUBLISHED,
                                            event__starts_at__gt=now,
                                            event__starts_at__lte=now + rules.REMINDER_DAY)
                .filter(reminded_hour_at__isnull=True).select_related("event", "user"))
    for registration in upcoming.iterator(chunk_size=500):
        event = registration.event
        for which in rules.reminders_due(starts_at=event.starts_at, now=now,
                                         day_sent=registration.reminded_day_at is not None,
                                         hour_sent=registration.reminded_hour_at is not None):
            field = "reminded_hour_at" if which == "hour" else "reminded_day_at"
            with transaction.atomic():
                claimed = Registration.objects.filter(pk=registration.pk, **{f"{field}__isnull": True}).update(
                    **{field: now})
                if not claimed:
                    continue
                kind = EventNotice.REMINDER_HOUR if which == "hour" else EventNotice.REMINDER_DAY
                notify(user=registration.user, kind=kind, params={**_notice_params(event, registration.user), "link": event.link},
                       url=_event_url(event), email_template=f"events/email/reminder_{which}")
                sent += 1
    return sent


# --- The project gallery ---------------------------------------------------------------------------

def _founded(user: User, project_id: int):
    project = selectors.founded_project(user, project_id)
    _check(rules.gallery_founder_refusal(is_founder=user.pk in selectors.founder_ids(project)))
    return project


@transaction.atomic
def gallery_consent_give(*, user: User, project_id: int) -> GalleryConsent:
    """A founder agrees that the labelled project is shown publicly (it is, once every founder has)."""
    project = selectors.founded_project(user, project_id)
    _check(rules.gallery_consent_refusal(is_founder=user.pk in selectors.founder_ids(project),
                                         holds_label=selectors.holds_label(project)))
    consent, created = GalleryConsent.objects.get_or_create(project=project, user=user)
    if created:
        audit_record(actor=user, action=EventAudit.GALLERY_CONSENTED, obj=project)
    return consent


@transaction.atomic
def gallery_consent_withdraw(*, user: User, project_id: int) -> None:
    """A founder withdraws: the project leaves the gallery at once."""
    project = _founded(user, project_id)
    deleted, _rows = GalleryConsent.objects.filter(project=project, user=user).delete()
    if deleted:
        audit_record(actor=user, action=EventAudit.GALLERY_WITHDRAWN, obj=project)


@transaction.atomic
def gallery_entry_save(*, user: User, project_id: int, summary: str, cover_id: int | None,
                       page_ids: list[int], cover_upload: UploadedFile | None = None) -> GalleryEntry:
    """What the gallery shows: a summary, public TwinSpace pages, and a cover chosen among the
    TwinSpace's images — or uploaded here, which adds it to the TwinSpace's materials first (with
    the TwinSpace's own checks: type from content, size, quota)."""
    project = _founded(user, project_id)
    summary = summary.strip()
    if cover_upload is not None:
        _check(rules.cover_upload_refusal(kind=space_services.sniff_upload(upload=cover_upload)[0]))
        _check(rules.gallery_entry_refusal(  # the other values first, so a refusal stores no file
            summary=summary, page_ids=set(page_ids), public_page_ids=selectors.public_page_ids(project),
            cover_id=None, image_ids=set()))
        cover_id = space_services.material_upload(project_id=project.pk, upload=cover_upload, user=user,
                                                  name=cover_upload.name or "cover").pk
    _check(rules.gallery_entry_refusal(
        summary=summary, page_ids=set(page_ids), public_page_ids=selectors.public_page_ids(project),
        cover_id=cover_id, image_ids=set(selectors.cover_candidates(project).values_list("pk", flat=True))))
    entry, _created = GalleryEntry.objects.update_or_create(
        project=project, defaults={"summary": summary, "cover_id": cover_id, "updated_by": user})
    entry.pages.set(page_ids)
    audit_record(actor=user, action=EventAudit.GALLERY_ENTRY_SAVED, obj=entry, pages=sorted(page_ids),
                 cover=cover_id)
    return entry


# --- Kits --------------------------------------------------------------------------------------------

@transaction.atomic
def kit_save(*, actor: User, title_en: str, title_tr: str, aims_en: str, aims_tr: str,
             weeks: list[tuple[str, str]], tools_en: str = "", tools_tr: str = "", subjects: list[str] | None = None,
             age_ranges: list[str] | None = None, country: str = "", kit_id: int | None = None) -> Kit:
    """Write a kit (NSS for its country, CSS for every country) or change one in reach."""
    subjects, age_ranges = list(subjects or []), list(age_ranges or [])
    reach = staff_reach(actor, Capability.ORGANISE_EVENTS)
    kit = None
    if kit_id is not None:
        kit = Kit.objects.select_for_update().filter(pk=kit_id).first()
        if kit is None:
            raise not_found()
        country = kit.country
    country = (country or "").upper()
    _check(rules.kit_write_refusal(staff_covers=reach.covers(country)))
    _check(rules.kit_values_refusal(titles=(title_en, title_tr), aims=(aims_en, aims_tr), weeks=weeks,
                                    subjects=subjects, age_ranges=age_ranges))
    values = {"title_en": title_en.strip(), "title_tr": title_tr.strip(), "aims_en": aims_en.strip(),
              "aims_tr": aims_tr.strip(), "tools_en": tools_en.strip(), "tools_tr": tools_tr.strip(),
              "subjects": subjects, "age_ranges": age_ranges}
    if kit is None:
        kit = Kit.objects.create(country=country, author=actor, **values)
    else:
        for field, value in values.items():
            setattr(kit, field, value)
        kit.save()
        kit.weeks.all().delete()
    KitWeek.objects.bulk_create([KitWeek(kit=kit, week=n, activities_en=en.strip(), activities_tr=tr.strip())
                                 for n, (en, tr) in enumerate(weeks, start=1)])
    audit_record(actor=actor, action=EventAudit.KIT_SAVED, obj=kit, weeks=len(weeks), country=country)
    return kit
