"""Certificate PDFs, rendered on demand from the label row (WeasyPrint), in the holder's language."""

from django.conf import settings
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
