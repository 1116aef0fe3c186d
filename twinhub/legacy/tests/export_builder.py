"""Writes a tiny export folder in the old platform's format "1" with every anomaly class the
format describes, so the tests need nothing outside this repository."""

import gzip
import hashlib
import json
from pathlib import Path

GENERATED_AT = "2025-07-27T10:16:41Z"
FUTURE = "2026-02-01T00:00:00Z"


def _user(n, email, first, last, country="TR", schools=(), validated=True, registered="2010-01-05T10:00:00Z",
          last_login="2020-01-01T00:00:00Z", **extra):
    return {"legacy_id": f"U{n}", "email": email, "first_name": first, "last_name": last, "country": country,
            "school_ids": list(schools), "role": "teacher", "languages": ["tr", "en"], "subjects": ["History"],
            "age_ranges": ["10-12"], "available_for_projects": True, "validated": validated,
            "registered_at": registered, "last_login_at": last_login, "status": "active", **extra}


def _school(n, name, country="TR", region="TR-06", city="Çankaya", number="712345", created="2006-01-01T00:00:00Z"):
    return {"legacy_id": f"S{n}", "name": name, "country": country, "region": region, "city": city,
            "postcode": "06420", "school_type": "primary", "school_number": number, "created_at": created}


def _project(n, founders, title="Water is Life", created="2012-10-01T00:00:00Z", status="active", approved=True):
    return {"legacy_id": f"P{n}", "title": title, "description": "A project.", "languages": ["en"],
            "subjects": ["Music"], "age_range_min": 10, "age_range_max": 12, "founder_ids": founders,
            "created_at": created, "status": status, "approved": approved}


def _member(p, u, s, role="member", joined="2012-10-02T00:00:00Z"):
    return {"project_id": f"P{p}", "user_id": f"U{u}", "school_id": s and f"S{s}", "role": role, "joined_at": joined}


SCHOOLS = [
    _school(1, "Atatürk İlkokulu"),
    _school(2, "Liceo Scientifico Enrico Fermi", country="IT", region="Lombardia", city="Milano", number="MIPS01234K"),
    _school(3, "ATATÜRK İLKOKULU  "),  # school_reregistered: same number, name upper-cased, doubled space
    _school(4, "Primary School No. 28", country="NL", region="Groningen", city="Groningen", number=None,
            created="2007-03-01T11:00:00"),  # ts_naive
    _school(5, "primary school no. 28 (Groningen)", country="NL", region="Groningen", city="Groningen",
            number=None, created=FUTURE),  # school_reregistered by name (+ " (city)"), ts_future
    # S6 is school_deleted: users and members still name it.
]

USERS = [
    _user(1, "ayse.yildirim12@gmail.com", "Ayşe", "Yıldırım", schools=["S1"]),
    _user(2, "giulia.rossi@libero.it", "Giulia", "Rossi", country="IT", schools=["S2"]),
    _user(3, "  Mehmet.Kaya@Gmail.Com", " MEHMET", "KAYA  ", schools=["S3", "S6"], validated=False),  # space, case, odd names, deleted school
    _user(4, "İLKER.ŞAHİN12@GMAİL.COM", "İlker", "Şahin", schools=["S1"]),  # Turkish upper case
    _user(5, "mehmet kaya12@gmail.com", "Mehmet", "Kaya", schools=[]),  # email_invalid, no school
    _user(6, "ilker.şahin12@gmail.com", "Ilker", "Sahin", schools=["S3"], registered="2011-03-01T00:00:00Z"),  # re-registration of U4
    _user(7, "olena@ukr.net", "Олена", "Шевченко", country="UA", schools=["S6"],  # native script, only a deleted school
          registered="2012-01-01T00:00:00Z", last_login="2011-06-01T00:00:00Z"),  # login_before_registration
    _user(8, "jan@example.nl", "Jan", "de Jong", country="NL", schools=["S5"], registered=FUTURE),
    # U9 is user_deleted.
]

CONTACTS = [
    {"user_a": "U1", "user_b": "U2", "since": "2012-05-01T00:00:00Z"},
    {"user_a": "U2", "user_b": "U1", "since": "2012-04-01T00:00:00Z"},  # both directions, earlier date
    {"user_a": "U3", "user_b": "U3", "since": "2012-05-01T00:00:00Z"},  # self
    {"user_a": "U1", "user_b": "U9", "since": "2012-05-01T00:00:00Z"},  # deleted user
    {"user_a": "U4", "user_b": "U6", "since": "2012-05-01T00:00:00Z"},  # same person after merging
    {"user_a": "U1", "user_b": "U4", "since": "2013-05-01T00:00:00"},  # ts_naive
    {"user_a": "U6", "user_b": "U1", "since": "2013-06-01T00:00:00Z"},  # U6 is U4: merged contact
]

PROJECTS = [
    _project(1, ["U1", "U4"], title="Değerlerimizle Büyüyoruz"),  # national (TR)
    _project(2, ["U1", "U2", "U7"], title="Water is\u2028Life 2019-2020", approved=False),  # three founders, U+2028
    _project(3, ["U2"], title="x" * 300, status="archived"),  # single founder, title_long
    _project(4, ["U9", "U8"], status="closed"),  # founder deleted
    # P5 is project_deleted.
]

MEMBERS = [
    _member(1, 1, 1, "founder"), _member(1, 4, 1, "founder"), _member(1, 6, 3),  # U6 merged into U4
    _member(2, 1, 1, "founder"), _member(2, 2, 2, "founder"), _member(2, 7, 6, "founder"),  # deleted school
    _member(2, 8, None), _member(3, 2, 2, "founder"), _member(5, 1, 1), _member(2, 9, 1),
]

ITEMS = [{"legacy_id": "T1", "project_id": "P1", "kind": "page", "parent_id": None, "author_id": "U1",
          "author_pupil_alias": None, "title": "Hello", "body_html": "<p>Hi<script>alert(1)</script></p>",
          "file_name": None, "file_size_bytes": None, "content_type": None, "created_at": "2013-01-01T00:00:00Z"}]
PUPILS = [{"legacy_id": "PU1", "project_id": "P1", "alias": "Elif_7B", "created_by": "U1",
           "created_at": "2013-01-01T00:00:00Z"}]
LABELS = [{"legacy_id": "Q1", "project_id": "P1", "user_id": "U1", "country": "TR", "label": "national", "year": 2013,
           "status": "awarded", "applied_at": "2013-05-01T00:00:00Z", "scores": None,
           "awarded_at": "2013-09-01T00:00:00Z"}]


def _lines(records, *, duplicate_at=None, malformed_after=None):
    """JSON lines as the old platform wrote them, with an exact repeat and a cut-short line."""
    out = [json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode() for r in records]
    if duplicate_at is not None:
        out.insert(duplicate_at + 2, out[duplicate_at])
    if malformed_after is not None:
        out.insert(malformed_after, out[0][: len(out[0]) // 2])
    return out


FILES = {
    "schools.jsonl.gz": _lines(SCHOOLS, duplicate_at=0, malformed_after=2),
    "users.jsonl.gz": _lines(USERS, duplicate_at=1, malformed_after=3),
    "contacts.jsonl.gz": _lines(CONTACTS, duplicate_at=0, malformed_after=4),
    "projects.jsonl.gz": _lines(PROJECTS, duplicate_at=0, malformed_after=2),
    "project_members.jsonl.gz": _lines(MEMBERS, duplicate_at=0, malformed_after=5),
    "twinspace_items.jsonl.gz": _lines(ITEMS),
    "pupils.jsonl.gz": _lines(PUPILS),
    "quality_labels.jsonl.gz": _lines(LABELS),
}


def write_export(folder, *, version="1", extra_users=()) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = dict(FILES)
    if extra_users:
        files["users.jsonl.gz"] = files["users.jsonl.gz"] + _lines(list(extra_users))
    manifest = {"format_version": version, "generated_at": GENERATED_AT, "seed": 0, "scale": 0, "files": {}}
    for name, lines in files.items():
        data = gzip.compress(b"".join(line + b"\n" for line in lines), mtime=0)
        (folder / name).write_bytes(data)
        manifest["files"][name] = {"records": len(lines), "bytes": len(data),
                                   "sha256": hashlib.sha256(data).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return folder
