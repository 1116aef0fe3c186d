"""Labels' background work: a certificate's PDF is rendered once, after the award commits
(decision 15), instead of at each download; the opening and closing notices of the windows."""

from datetime import timedelta
from itertools import islice

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from twinhub.core.models import Notification
from twinhub.core.notifications import unread_forget
from twinhub.core.once import first_time
from twinhub.core.tasks import crontab, periodic, task
from twinhub.labels.certificates import certificate_store
from twinhub.labels.codes import LabelNotice
from twinhub.labels.models import ApplicationWindow, Label, LabelApplication
from twinhub.projects.models import ProjectMember


@task
def certificate_render(*, label_id: int) -> bool:
    """Render and keep the label's certificate in its holder's language (a school's: the default
    language). Idempotent: a kept PDF is not rendered again."""
    label = Label.objects.select_related("holder", "holder__profile", "project", "school").filter(pk=label_id).first()
    if label is None:
        return False
    return certificate_store(label)


# --- Opening and closing notices of the application windows -------------------------------------

CLOSING_NOTICE = timedelta(days=3)  # "applications close in three days"


def _window_notice(window: ApplicationWindow, kind: str) -> int:
    """In-app notices (the daily digest e-mails them to who chose it) to the teachers with a project
    in the window's country; the closing one only to those who have not applied this year."""
    members = ProjectMember.objects.filter(country=window.country).values_list("user_id", flat=True).distinct()
    if kind == LabelNotice.WINDOW_CLOSING:
        members = members.exclude(user_id__in=LabelApplication.objects.filter(year=window.year, country=window.country)
                                  .values("applicant_id"))
    params = {"year": window.year, "closes_on": window.closes_on.isoformat()}
    url = reverse("my_labels")
    notices = (Notification(user_id=user_id, kind=kind, params=params, url=url) for user_id in members.iterator())
    created = 0
    while batch := list(islice(notices, 5000)):
        Notification.objects.bulk_create(batch)
        unread_forget([notice.user_id for notice in batch])  # bulk_create sends no post_save
        created += len(batch)
    return created


@periodic(crontab(hour=6, minute=30))
@task
def label_window_notices_send() -> int:
    """On the day a window opens, and three days before it closes. Once per window and notice."""
    today = timezone.localdate()
    sent = 0
    due = ApplicationWindow.objects.filter(Q(opens_on=today) | Q(closes_on=today + CLOSING_NOTICE))
    for window in due:
        kinds = [k for k, day in ((LabelNotice.WINDOW_OPENED, window.opens_on),
                                  (LabelNotice.WINDOW_CLOSING, window.closes_on - CLOSING_NOTICE)) if day == today]
        for kind in kinds:
            with transaction.atomic():
                if first_time(f"{kind}:{window.pk}:{window.opens_on}:{window.closes_on}"):
                    sent += _window_notice(window, kind)
    return sent
