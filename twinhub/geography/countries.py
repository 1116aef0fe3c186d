"""The 44 eTwinning countries and Türkiye's 81 provinces (the regions whose coordinators
validate memberships). Plain data: no database rows, so every process agrees."""

import csv
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from twinhub.core.collation import sorted_by_locale

TURKIYE = "TR"

COUNTRIES: list[tuple[str, str]] = [
    ("TR", _("Türkiye")),
    ("IT", _("Italy")),
    ("PL", _("Poland")),
    ("ES", _("Spain")),
    ("RO", _("Romania")),
    ("FR", _("France")),
    ("GR", _("Greece")),
    ("PT", _("Portugal")),
    ("UA", _("Ukraine")),
    ("DE", _("Germany")),
    ("HR", _("Croatia")),
    ("BG", _("Bulgaria")),
    ("CZ", _("Czechia")),
    ("SK", _("Slovakia")),
    ("RS", _("Serbia")),
    ("BE", _("Belgium")),
    ("AZ", _("Azerbaijan")),
    ("LT", _("Lithuania")),
    ("HU", _("Hungary")),
    ("GB", _("United Kingdom")),
    ("AT", _("Austria")),
    ("SI", _("Slovenia")),
    ("MK", _("North Macedonia")),
    ("GE", _("Georgia")),
    ("TN", _("Tunisia")),
    ("FI", _("Finland")),
    ("AL", _("Albania")),
    ("NL", _("Netherlands")),
    ("SE", _("Sweden")),
    ("LV", _("Latvia")),
    ("BA", _("Bosnia and Herzegovina")),
    ("AM", _("Armenia")),
    ("MD", _("Moldova")),
    ("JO", _("Jordan")),
    ("NO", _("Norway")),
    ("IE", _("Ireland")),
    ("CY", _("Cyprus")),
    ("LB", _("Lebanon")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("MT", _("Malta")),
    ("IS", _("Iceland")),
    ("LU", _("Luxembourg")),
    ("LI", _("Liechtenstein")),
]
COUNTRY_CODES = frozenset(code for code, _name in COUNTRIES)


def country_name(code: str) -> str:
    return _country_names(get_language()).get(code, code)


@cache
def _country_names(language: str | None) -> dict[str, str]:
    # Once per language and process: pages name a country on every row (members, teachers, queue).
    return {code: str(name) for code, name in COUNTRIES}


def country_choices() -> list[tuple[str, str]]:
    """Countries sorted by their name in the active language, as that language sorts (Türkiye
    after Tunus in Turkish, not after Z)."""
    return list(_country_choices(get_language()))


@cache
def _country_choices(language: str | None) -> tuple[tuple[str, str], ...]:
    # Once per language and process: model fields call country_choices for every
    # get_country_display and every validation (a 50-row queue spent most of its time here).
    return tuple(sorted_by_locale(((code, str(name)) for code, name in COUNTRIES), key=lambda item: item[1]))


@cache
def tr_provinces() -> dict[str, str]:
    """TR-01 … TR-81 → province name (proper names, not translated)."""
    path = Path(__file__).with_name("data") / "tr-provinces.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def regions_are_provinces(country: str) -> bool:
    """In Türkiye a school's region is one of the 81 provinces and has its own coordinators."""
    return country == TURKIYE


def region_name(code: str) -> str:
    return tr_provinces().get(code, code)


def provinces_by_name() -> list[tuple[str, str]]:
    """Türkiye's provinces in alphabetical order (Çanakkale after Bursa, İstanbul after Iğdır)."""
    return sorted_by_locale(tr_provinces().items(), key=lambda item: item[1], language="tr")


def region_choices(country: str) -> list[tuple[str, str]]:
    if regions_are_provinces(country):
        return [(code, f"{name} ({code})") for code, name in provinces_by_name()]
    return []


def is_valid_region(country: str, region: str) -> bool:
    if regions_are_provinces(country):
        return region in tr_provinces()
    return True
