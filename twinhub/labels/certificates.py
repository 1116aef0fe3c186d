"""Certificate PDFs, rendered from the label row (WeasyPrint), in the holder's language: by a task
when the label is awarded (labels/tasks.py) and kept in storage; on demand when none is kept yet."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

from twinhub.core.notifications import user_language
from twinhub.geography.countries import country_name
from twinhub.labels.models import Label


def certificate_language(label: Label, fallback: str = "") -> str:
    """A teacher's certificate speaks the teacher's language; a school's, the reader's."""
    if label.holder_id:
        return user_language(label.holder)
    return fallback or settings.LANGUAGE_CODE


def certificate_html(label: Label, language: str) -> str:
    with translation.override(language):
        return render_to_string("labels/certificate.html", {
            "label": label, "country": country_name(label.country) if label.country else "",
            "verify_url": f"{settings.SITE_URL.rstrip('/')}/labels/verify/?code={label.verification_code}",
            "language": language,
        })


def certificate_pdf(label: Label, language: str | None = None) -> bytes:
    from weasyprint import HTML  # imported late: loads Pango only when a certificate is rendered

    return HTML(string=certificate_html(label, language or certificate_language(label))).write_pdf()


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
