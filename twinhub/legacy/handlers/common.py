"""Checks shared by the handlers: well-formed ids and fields, timestamps with notes, and a
way to keep the old platform's dates on rows whose model stamps "now"."""

from contextlib import contextmanager

from django.utils.translation import gettext as _

from twinhub.geography.countries import COUNTRIES
from twinhub.legacy.format import ID_PATTERNS, parse_timestamp
from twinhub.legacy.handlers.base import Result, rejected

COUNTRY_CODES = frozenset(code for code, _name in COUNTRIES)


class Invalid(Exception):
    """A field of the record is not what the format promises: the line is rejected."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason, self.detail = reason, detail

    def result(self, legacy_id) -> Result:
        return rejected(legacy_id, self.reason, self.detail)


def need_id(record, field_name: str, kind: str, *, nullable=False):
    value = record.get(field_name)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not ID_PATTERNS[kind].fullmatch(value):
        raise Invalid("invalid_field", _("%(field)s is not a valid id: %(value)r") % {"field": field_name,
                                                                                    "value": value})
    return value


def need_str(record, field_name: str, *, nullable=False, allow_empty=False):
    value = record.get(field_name)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise Invalid("invalid_field", _("%(field)s is missing or not text") % {"field": field_name})
    return value


def need_choice(record, field_name: str, choices):
    value = record.get(field_name)
    if value not in choices:
        raise Invalid("invalid_field", _("%(field)s has an unknown value: %(value)r") % {"field": field_name,
                                                                                       "value": value})
    return value


def need_list(record, field_name: str):
    value = record.get(field_name)
    if not isinstance(value, list):
        raise Invalid("invalid_field", _("%(field)s is not a list") % {"field": field_name})
    return value


def need_country(record, field_name: str = "country") -> str:
    return need_choice(record, field_name, COUNTRY_CODES)


def timestamp(record, field_name: str, ctx, result: Result, *, fallback=True):
    """The field's time, noting odd values on the result; an unknown time becomes the best bound
    (the export's time) when the column needs one, else None."""
    moment, note = parse_timestamp(record.get(field_name), not_after=ctx.not_after)
    if note:
        result.note(note, f"{field_name}={record.get(field_name)!r}")
    if moment is None and fallback:
        moment = ctx.fallback_time
    return moment


def clean_text(value: str) -> str:
    return " ".join(value.split())


@contextmanager
def keep_given_dates(model, *field_names):
    """bulk_create with the old platform's dates on fields declared auto_now_add."""
    fields = [model._meta.get_field(n) for n in field_names]
    saved = [f.auto_now_add for f in fields]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in zip(fields, saved, strict=True):
            f.auto_now_add = value
