"""Countries and provinces by name on pages, in the reader's language: {{ code|country_name }}."""

from django import template

from twinhub.geography.countries import country_name as _country_name
from twinhub.geography.countries import region_name as _region_name

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return _country_name(code) if code else ""


@register.filter
def region_name(code: str) -> str:
    return _region_name(code) if code else ""
