"""Quality Label certificates: rendered from the label row through the shared certificate
pipeline (`core.certificates`, WeasyPrint), in the holder's language — by a task when the label
is awarded (labels/tasks.py) and kept in storage, on demand when none is kept yet — and found by
the public verification through their code."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import formats

from twinhub.core.certificates import VerifiedCertificate, certificate_finder
from twinhub.core.certificates import certificate_html as render_certificate_html
from twinhub.core.certificates import certificate_pdf as render_certificate_pdf
from twinhub.core.notifications import user_language
from twinhub.geography.countries import country_name
from twinhub.labels.models import Label


def certificate_language(label: Label, fallback: str = "") -> str:
    """A teacher's certificate speaks the teacher's language; a school's, the reader's."""
    if label.holder_id:
        return user_language(label.holder)
    return fallback or settings.LANGUAGE_CODE


def _context(label: Label) -> dict:
    return {"label": label, "country": country_name(label.country) if label.country else "",
            "verify_url": f"{settings.SITE_URL.rstrip('/')}{reverse('label_verify')}?code={label.verification_code}"}


def certificate_html(label: Label, language: str) -> str:
    return render_certificate_html("labels/certificate.html", _context(label), language=language)


def certificate_pdf(label: Label, language: str | None = None) -> bytes:
    return render_certificate_pdf("labels/certificate.html", _context(label),
                                  language=language or certificate_language(label))


def certificate_path(label: Label, language: str) -> str:
    """Where the rendered PDF is kept (private: streamed after the permission check, never linked)."""
    return f"certificates/labels/{label.pk}-{label.verification_code}-{language}.pdf"


def certificate_stored_pdf(label: Label, language: str) -> bytes | None:
    path = certificate_path(label, language)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as stored:
        return stored.read()


def certificate_store(label: Label, language: str | None = None) -> bool:
    """Render and keep the PDF unless it is kept already (idempotent). True when it rendered."""
    language = language or certificate_language(label)
    path = certificate_path(label, language)
    if default_storage.exists(path):
        return False
    default_storage.save(path, ContentFile(certificate_pdf(label, language)))
    return True


@certificate_finder
def label_certificate(code: str) -> VerifiedCertificate | None:
    label = Label.objects.select_related("holder", "school", "project").filter(verification_code=code).first()
    if label is None:
        return None
    return VerifiedCertificate(
        kind=label.kind, kind_label=str(label.get_kind_display()), year=label.year, country=label.country,
        holder=label.holder.display_name if label.holder_id else label.school.public_name,
        subject=label.project.title if label.project_id else "",
        date=formats.date_format(label.awarded_at, "DATE_FORMAT"))
