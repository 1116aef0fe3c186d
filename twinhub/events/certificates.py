"""Certificates of participation: the shared certificate pipeline (`core.certificates`, the one
Quality Label certificates use), rendered from the registration row in the attendee's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from twinhub.core.certificates import VerifiedCertificate, certificate_pdf
from twinhub.core.notifications import user_language
from twinhub.events.models import Registration
from twinhub.events.selectors import registration_by_code

TEMPLATE = "events/certificate.html"
KIND = "event_participation"


def participation_pdf(registration: Registration) -> bytes:
    event = registration.event
    verify_url = f"{settings.SITE_URL.rstrip('/')}{reverse('label_verify')}?code={registration.certificate_code}"
    return certificate_pdf(TEMPLATE, {"registration": registration, "event": event, "verify_url": verify_url},
                           language=user_language(registration.user))


def find_participation(code: str) -> VerifiedCertificate | None:
    registration = registration_by_code(code)
    if registration is None:
        return None
    event = registration.event
    return VerifiedCertificate(kind=KIND, kind_label=_("Certificate of participation"),
                               holder=registration.user.display_name, subject=event.title,
                               date=formats.date_format(event.ends_at, "DATE_FORMAT"), country=event.country)
