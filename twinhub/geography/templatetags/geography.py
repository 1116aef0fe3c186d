"""Countries and provinces by name on pages, in the reader's language: {{ code|country_name }}."""

from django import template
from django.utils.html import format_html

from twinhub.geography.countries import country_name as _country_name
from twinhub.geography.countries import region_name as _region_name

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return _country_name(code) if code else ""


@register.filter
def region_name(code: str) -> str:
    return _region_name(code) if code else ""


@register.filter
def country_badge(code: str) -> str:
    """A country as a badge: its flag (Unicode regional indicators, drawn by the reader's emoji font)
    and its name in the reader's language: {{ code|country_badge }}."""
    if not code or len(code) != 2 or not code.isalpha():
        return ""
    flag = "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code.upper())
    return format_html('<span class="tag tag-country" data-country="{}"><span aria-hidden="true">{}</span> {}</span>',
                       code.upper(), flag, _country_name(code.upper()))
