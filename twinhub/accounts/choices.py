"""Controlled vocabularies of the eTwinning profile."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SchoolRole(models.TextChoices):
    """What a member does at school (the profile role, not a platform role)."""

    TEACHER = "teacher", _("Teacher")
    HEAD_TEACHER = "head_teacher", _("Head teacher")
    LIBRARIAN = "librarian", _("Librarian")
    COUNSELLOR = "counsellor", _("Counsellor")
    OTHER_STAFF = "other_staff", _("Other staff")


SUBJECTS = [
    ("art", _("Art")),
    ("biology", _("Biology")),
    ("chemistry", _("Chemistry")),
    ("citizenship", _("Citizenship")),
    ("computing", _("Informatics / ICT")),
    ("cross_curricular", _("Cross-curricular")),
    ("drama", _("Drama")),
    ("economics", _("Economics")),
    ("environment", _("Environmental education")),
    ("foreign_languages", _("Foreign languages")),
    ("geography", _("Geography")),
    ("history", pgettext_lazy("school subject", "History")),
    ("mathematics", _("Mathematics")),
    ("media", _("Media education")),
    ("music", _("Music")),
    ("mother_tongue", _("Mother tongue / literature")),
    ("physical_education", _("Physical education")),
    ("physics", _("Physics")),
    ("pre_school", _("Pre-school education")),
    ("religion_ethics", _("Religion / ethics")),
    ("science", _("Natural sciences")),
    ("special_needs", _("Special needs education")),
    ("technology", _("Technology / design")),
    ("vocational", _("Vocational subjects")),
]

LANGUAGES = [
    ("bg", _("Bulgarian")), ("cs", _("Czech")), ("da", _("Danish")), ("de", _("German")),
    ("el", _("Greek")), ("en", _("English")), ("es", _("Spanish")), ("et", _("Estonian")),
    ("fi", _("Finnish")), ("fr", _("French")), ("hr", _("Croatian")), ("hu", _("Hungarian")),
    ("is", _("Icelandic")), ("it", _("Italian")), ("lt", _("Lithuanian")), ("lv", _("Latvian")),
    ("mk", _("Macedonian")), ("mt", _("Maltese")), ("nl", _("Dutch")), ("no", _("Norwegian")),
    ("pl", _("Polish")), ("pt", _("Portuguese")), ("ro", _("Romanian")), ("sk", _("Slovak")),
    ("sl", _("Slovenian")), ("sq", _("Albanian")), ("sr", _("Serbian")), ("sv", _("Swedish")),
    ("tr", _("Turkish")), ("uk", _("Ukrainian")), ("ar", _("Arabic")), ("az", _("Azerbaijani")),
    ("hy", _("Armenian")), ("ka", _("Georgian")), ("bs", _("Bosnian")), ("ca", _("Catalan")),
    ("eu", _("Basque")), ("gl", _("Galician")), ("ga", _("Irish")), ("lb", _("Luxembourgish")),
    ("ro-md", _("Romanian (Moldova)")),
]

AGE_RANGES = [
    ("0-3", _("0–3 years")),
    ("4-6", _("4–6 years")),
    ("7-10", _("7–10 years")),
    ("11-14", _("11–14 years")),
    ("15-18", _("15–18 years")),
    ("19+", _("19 years and over")),
]

SUBJECT_CODES = frozenset(code for code, _l in SUBJECTS)
LANGUAGE_CODES = frozenset(code for code, _l in LANGUAGES)
AGE_RANGE_CODES = frozenset(code for code, _l in AGE_RANGES)


def labels(choices, codes) -> list[str]:
    table = dict(choices)
    return [str(table.get(code, code)) for code in codes]


class TokenScope(models.TextChoices):
    """What a personal API token may do, chosen when it is made (issue 12)."""

    READ = "read", _("Read: see what you can see")
    WRITE = "write", _("Write: change things as you")
    STAFF = "staff", _("Staff actions: act in your coordinator or NSS role")
