"""Facts about the old platform's export, format version "1" (see docs: the legacy FORMAT).

Kept here so the importer does not need the format document (or its generator) to run."""

import re
from datetime import UTC, datetime
from functools import lru_cache

from twinhub.accounts.addresses import email_is_usable, normalize_email  # noqa: F401 (the importer's check)

FORMAT_VERSION = "1"
PLATFORM_LAUNCH = datetime(2005, 1, 14, tzinfo=UTC)  # nothing ordinary is older (format §1.3)
MANIFEST = "manifest.json"

# Phases in the order they must run, with the files each one reads (in reading order).
PHASES: dict[str, tuple[str, ...]] = {
    "accounts": ("schools.jsonl.gz", "users.jsonl.gz", "contacts.jsonl.gz"),
    "projects": ("projects.jsonl.gz", "project_members.jsonl.gz"),
    # Pupils first: items written by a pupil name the pupil's alias.
    "twinspaces": ("pupils.jsonl.gz", "twinspace_items.jsonl.gz"),
    "labels": ("quality_labels.jsonl.gz",),
}
PHASE_NAMES = tuple(PHASES)
DATA_FILES = tuple(f for files in PHASES.values() for f in files)

ID_PATTERNS = {
    "school": re.compile(r"S[1-9][0-9]*"),
    "user": re.compile(r"U[1-9][0-9]*"),
    "project": re.compile(r"P[1-9][0-9]*"),
    "item": re.compile(r"T[1-9][0-9]*"),
    "pupil": re.compile(r"PU[1-9][0-9]*"),
    "label": re.compile(r"Q[1-9][0-9]*"),
}

_TS = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(Z?)")

def legacy_email_key(address: str) -> str:
    """Two e-mails belong to the same person exactly when these keys are equal (format §6.1).

    Trim, fold İ, I and ı to i, then lower-case. Naive `.lower()` turns İ into i + U+0307 and
    leaves ı alone; Turkish-locale lowering turns I into ı. Both miss real Turkish addresses.
    It is the platform's one normalisation of addresses (decision 0025): accounts store it."""
    return normalize_email(address)


def parse_timestamp(value, *, not_after: datetime | None) -> tuple[datetime | None, str | None]:
    """A legacy timestamp as an aware UTC datetime, and a note code when the value was odd.

    No trailing Z: UTC nevertheless ("ts_naive"). After the export was taken: unknown ("ts_future")."""
    if not isinstance(value, str):
        return None, "ts_invalid" if value is not None else None
    match = _TS.fullmatch(value)
    if not match:
        return None, "ts_invalid"
    try:  # the pattern is checked above; the C parser then builds the value (the import parses millions)
        moment = datetime.fromisoformat(value if match.group(7) else value + "Z")
    except ValueError:
        return None, "ts_invalid"
    if not_after is not None and moment > not_after:
        return None, "ts_future"
    return moment, (None if match.group(7) else "ts_naive")


# Vocabularies of the old platform mapped onto the new one's codes.
SCHOOL_ROLES = {"teacher": "teacher", "head-teacher": "head_teacher", "librarian": "librarian",
                "counsellor": "counsellor", "other-staff": "other_staff"}
SCHOOL_TYPES = {"pre-primary": "pre_primary", "primary": "primary", "lower-secondary": "lower_secondary",
                "upper-secondary": "upper_secondary", "vocational": "vocational",
                "special-needs": "special_needs", "other": "other"}
# The new list is shorter; the nearest subject is kept (the old wording is not a profile field).
SUBJECTS = {
    "Art": "art", "Biology": "biology", "Chemistry": "chemistry", "Cross Curricular": "cross_curricular",
    "Drama": "drama", "Environmental Education": "environment", "Foreign Languages": "foreign_languages",
    "Geography": "geography", "Health Education": "physical_education", "History": "history",
    "Informatics / ICT": "computing", "Language and Literature": "mother_tongue",
    "Mathematics / Geometry": "mathematics", "Media Education": "media", "Music": "music",
    "Natural Sciences": "science", "Philosophy / Logic": "religion_ethics",
    "Physical Education": "physical_education", "Physics": "physics", "Pre-school Education": "pre_school",
    "Primary School Subjects": "cross_curricular", "Religion": "religion_ethics",
    "Special Needs Education": "special_needs", "Technology": "technology",
    "Vocational Subjects": "vocational",
}
# New age ranges as (code, youngest, oldest).
AGE_RANGES = (("0-3", 0, 3), ("4-6", 4, 6), ("7-10", 7, 10), ("11-14", 11, 14), ("15-18", 15, 18),
              ("19+", 19, 99))


def age_ranges_between(youngest: int, oldest: int) -> list[str]:
    return [code for code, low, high in AGE_RANGES if low <= oldest and high >= youngest]


def age_ranges_from_legacy(ranges) -> list[str]:
    try:  # the old platform has a few dozen combinations; the import maps millions
        return list(_age_ranges_cached(tuple(ranges or ())))
    except TypeError:  # not hashable: not a list of strings
        return list(_age_ranges(ranges))


def _age_ranges(ranges) -> tuple[str, ...]:
    found: list[str] = []
    for text in ranges or ():
        low, _sep, high = str(text).partition("-")
        if low.isdigit() and high.isdigit():
            found += [c for c in age_ranges_between(int(low), int(high)) if c not in found]
    return tuple(found)


_age_ranges_cached = lru_cache(maxsize=4096)(_age_ranges)


def subjects_from_legacy(subjects) -> list[str]:
    try:
        return list(_subjects_cached(tuple(subjects or ())))
    except TypeError:
        return list(_subjects(subjects))


def _subjects(subjects) -> tuple[str, ...]:
    found: list[str] = []
    for name in subjects or ():
        code = SUBJECTS.get(name) if isinstance(name, str) else None
        if code and code not in found:
            found.append(code)
    return tuple(found)


_subjects_cached = lru_cache(maxsize=65536)(_subjects)
