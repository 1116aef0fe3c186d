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

def _item(n, project, kind, *, parent=None, author="U1", alias=None, title="A page", body="<p>Text</p>",
          created="2013-01-01T00:00:00Z", file_name=None, size=None, content_type=None):
    return {"legacy_id": f"T{n}", "project_id": project, "kind": kind, "parent_id": parent, "author_id": author,
            "author_pupil_alias": alias, "title": title, "body_html": body, "file_name": file_name,
            "file_size_bytes": size, "content_type": content_type, "created_at": created}


ITEMS = [
    _item(1, "P1", "page", title="Hello", body="<p>Hi<script>alert(1)</script></p>\r\n<h2>More</h2>"),  # html_script
    _item(2, "P1", "page", parent="T1", author="U4", title="Ö" * 300,  # sub-page, title_long
          body='<p>Look<img src="x.png" ONERROR="steal()"></p>'),  # html_onerror
    _item(3, "P1", "page", parent="T99", title="Orphan page", created="2013-01-02T00:00:00"),  # parent missing, ts_naive
    _item(4, "P1", "material", title="Worksheet", file_name="Çalışma Kağıdı (1).docx", size=18000,
          content_type="application/octet-stream"),  # type from the extension
    _item(5, "P1", "forum_thread", author=None, alias="Elif_7B", title="Our town 🇹🇷",  # by a pupil, emoji
          body='<p><a href=" JaVaScRiPt:alert(1)" onclick="x()">click</a></p>'),  # html_javascript_link
    _item(6, "P1", "forum_post", parent="T5", author="U6", title=None,  # U6 is U4 (re-registered)
          body="<p>one\u2028two 👩‍🏫❤️</p>", created="2013-02-01T00:00:00Z"),  # line_separator, emoji
    _item(7, "P1", "forum_post", parent="T98", title="Re: Lost thread", body="<p>Still here</p>"),  # thread missing
    _item(8, "P1", "forum_post", parent="T5", author=None, alias="nobody", title=None,  # unknown pupil
          body="<p>&nbsp;</p>", created="2013-03-01T00:00:00Z"),  # body_empty
    _item(9, "P5", "page"),  # project deleted
    _item(10, "P2", "page", author="U9", title="مرحبا Water", body='<p dir="rtl">\u200fمرحبا بكم</p><p>Hi</p>',
          created=FUTURE),  # author deleted, rtl_text, ts_future
    _item(11, "P2", "material", title="Photo", file_name="IMG_20190312_101522.JPG", size=250000,
          content_type="image/jpeg"),
    _item(12, "P2", "forum_thread", title="Q" * 260, body=""),  # title_long, body empty
]
PUPILS = [
    {"legacy_id": "PU1", "project_id": "P1", "alias": "Elif_7B", "created_by": "U1", "created_at": "2013-01-01T00:00:00Z"},
    {"legacy_id": "PU2", "project_id": "P1", "alias": "mavi_kedi3", "created_by": "U9",  # creator deleted
     "created_at": "2013-01-01T00:00:00Z"},
    {"legacy_id": "PU3", "project_id": "P5", "alias": "pupil12", "created_by": "U1",  # project deleted
     "created_at": "2013-01-01T00:00:00Z"},
    {"legacy_id": "PU4", "project_id": "P2", "alias": "Giulia R.", "created_by": "U2",
     "created_at": "2013-01-01T00:00:00"},  # ts_naive
]
SCORES = {"pedagogical_innovation": 8, "curricular_integration": 7, "collaboration": 9, "use_of_technology": 6,
          "results_impact": 10}


def _label(n, project, user, label="national", status="awarded", year=2013, country="TR", scores=SCORES,
           applied=None, awarded=None):
    applied = applied or f"{year}-05-0{n % 9 + 1}T00:00:00Z"
    return {"legacy_id": f"Q{n}", "project_id": project, "user_id": user, "country": country, "label": label,
            "year": year, "status": status, "applied_at": applied, "scores": scores if status != "pending" else None,
            "awarded_at": (awarded or f"{year}-09-01T00:00:00Z") if status == "awarded" else None}


LABELS = [
    _label(1, "P1", "U1"),
    _label(2, "P1", "U4", scores=None),  # ql_awarded_without_scores
    _label(3, "P1", "U6"),  # U6 is U4: the same application again
    _label(4, "P2", "U2", country="IT", year=2014),
    _label(5, "P2", "U2", label="european", country="IT", year=2014, awarded="2014-12-01T00:00:00Z"),
    _label(6, "P2", "U1", label="european", status="rejected", year=2014),  # not awarded: archived
    _label(7, "P2", "U7", status="pending", year=2025, country="PL", applied=FUTURE),  # ql_country_changed, ts_future
    _label(8, "P5", "U1"),  # project deleted
    _label(9, "P1", "U9"),  # user deleted
    # A teacher applying for several projects in one year (tr_serial_founder).
    _label(10, "P2", "U1", status="pending", year=2025, applied="2025-04-01T00:00:00Z"),
    _label(11, "P3", "U1", status="pending", year=2025, applied="2025-04-11T00:00:00Z"),
    _label(12, "P4", "U1", status="pending", year=2025, applied="2025-04-21T00:00:00Z"),
    _label(13, "P1", "U4", status="pending", year=2025, applied="2025-05-01T00:00:00Z"),
]


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
    "twinspace_items.jsonl.gz": _lines(ITEMS, duplicate_at=1, malformed_after=6),
    "pupils.jsonl.gz": _lines(PUPILS, duplicate_at=0, malformed_after=2),
    "quality_labels.jsonl.gz": _lines(LABELS, duplicate_at=3, malformed_after=5),
}


def user(n, email, first, last, **fields) -> dict:
    """One more user line (appended after the fixture's)."""
    return _user(n, email, first, last, **fields)


def item(n, project, kind, **fields) -> dict:
    """One more TwinSpace item line."""
    return _item(n, project, kind, **fields)


def label(n, project, user, **fields) -> dict:
    """One more quality label line (appended after the fixture's, i.e. out of project order)."""
    return _label(n, project, user, **fields)


def project(n, founders, **fields) -> dict:
    """One more project line."""
    return _project(n, founders, **fields)


def member(p, u, s, role="member") -> dict:
    """One more project member line (`s`: the school number, or None)."""
    return _member(p, u, s, role)


def write_export(folder, *, version="1", extra_users=(), extra_labels=(), extra_projects=(), extra_members=(),
                 generated_at=GENERATED_AT, schools=None, plan=None, extra_items=()) -> Path:
    """The fixture's export; `schools` replaces its schools file, `plan` is written as the manifest's
    `generator.anomaly_counts.plan` (what a generator planted)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = dict(FILES)
    if schools is not None:
        files["schools.jsonl.gz"] = _lines(list(schools))
    if extra_users:
        files["users.jsonl.gz"] = files["users.jsonl.gz"] + _lines(list(extra_users))
    if extra_labels:
        files["quality_labels.jsonl.gz"] = files["quality_labels.jsonl.gz"] + _lines(list(extra_labels))
    if extra_projects:
        files["projects.jsonl.gz"] = files["projects.jsonl.gz"] + _lines(list(extra_projects))
    if extra_members:
        files["project_members.jsonl.gz"] = files["project_members.jsonl.gz"] + _lines(list(extra_members))
    if extra_items:
        files["twinspace_items.jsonl.gz"] = files["twinspace_items.jsonl.gz"] + _lines(list(extra_items))
    manifest = {"format_version": version, "generated_at": generated_at, "seed": 0, "scale": 0, "files": {}}
    if plan is not None:
        manifest["generator"] = {"anomaly_counts": {"plan": dict(plan)}}
    for name, lines in files.items():
        data = gzip.compress(b"".join(line + b"\n" for line in lines), mtime=0)
        (folder / name).write_bytes(data)
        manifest["files"][name] = {"records": len(lines), "bytes": len(data),
                                   "sha256": hashlib.sha256(data).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return folder
