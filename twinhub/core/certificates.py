"""Certificates, whatever they certify (a Quality Label, participation in an event): one PDF
pipeline (a template rendered in the holder's language, WeasyPrint) and one public verification
by code. Each app that issues certificates registers how it finds one by its code; the public
verification page asks every registered finder (decision 29)."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation


def new_verification_code() -> str:
    """Twelve hexadecimal characters, upper case: short enough to type, too many to guess."""
    return secrets.token_hex(6).upper()


def normalised_code(code: str) -> str:
    return (code or "").strip().upper()[:32]


def certificate_html(template: str, context: dict, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(template, {**context, "language": language})


def certificate_pdf(template: str, context: dict, *, language: str) -> bytes:
    from weasyprint import HTML  # imported late: loads Pango only when a certificate is rendered

    return HTML(string=certificate_html(template, context, language=language)).write_pdf()


@dataclass(frozen=True)
class VerifiedCertificate:
    """What the public verification shows: what is certified, to whom, for what, and when."""

    kind: str          # a stable name of the certificate's kind ("nql", "event_participation", …)
    kind_label: str    # the same, in the reader's language
    holder: str
    subject: str       # the project or the event
    date: str          # already formatted
    country: str = ""
    year: int | None = None


_FINDERS: list[Callable[[str], VerifiedCertificate | None]] = []


def certificate_finder(func: Callable[[str], VerifiedCertificate | None]):
    """Register how an app finds one of its certificates by its (normalised) code."""
    if func not in _FINDERS:
        _FINDERS.append(func)
    return func


def certificate_by_code(code: str) -> VerifiedCertificate | None:
    code = normalised_code(code)
    if not code:
        return None
    for find in _FINDERS:
        found = find(code)
        if found is not None:
            return found
    return None
