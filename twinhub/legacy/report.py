"""The import report, built from the database (so it covers runs months apart and resumed runs):
per file, lines = imported + merged + rejected; every merged or rejected line with its reason."""

import json
from collections import Counter

from django.utils.translation import gettext as _

from twinhub.legacy.format import DATA_FILES
from twinhub.legacy.models import LegacyFile, LegacyRecord, Outcome


def file_counts() -> dict:
    files = {f.name: f for f in LegacyFile.objects.all()}
    return {name: {"lines": f.lines_done, "imported": f.imported, "merged": f.merged, "rejected": f.rejected}
            for name in DATA_FILES if (f := files.get(name))}


def _record(r) -> dict:
    return {"file": r.file, "line": r.line, "legacy_id": r.legacy_id, "outcome": r.outcome, "reason": r.reason,
            "detail": r.detail}


def write_json(path) -> None:
    """Streams the records, so a report of millions of lines does not sit in memory."""
    order = ("file", "line", "reason")
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"format": 1, "files": ' + json.dumps(file_counts(), ensure_ascii=False) + ', "records": [')
        first = True
        for r in LegacyRecord.objects.exclude(outcome=Outcome.NOTE).order_by(*order).iterator(chunk_size=5000):
            out.write(("" if first else ",\n") + json.dumps(_record(r), ensure_ascii=False))
            first = False
        out.write('], "notes": [')
        first = True
        for r in LegacyRecord.objects.filter(outcome=Outcome.NOTE).order_by(*order).iterator(chunk_size=5000):
            out.write(("" if first else ",\n") + json.dumps(_record(r), ensure_ascii=False))
            first = False
        out.write("]}\n")


def reason_counts() -> Counter:
    counts = Counter()
    for file, outcome, reason in LegacyRecord.objects.values_list("file", "outcome", "reason"):
        counts[(file, outcome, reason)] += 1
    return counts


def summary_lines() -> list[str]:
    lines = [_("%(file)-26s %(lines)9s %(imported)9s %(merged)7s %(rejected)8s") % {
        "file": _("file"), "lines": _("lines"), "imported": _("imported"), "merged": _("merged"),
        "rejected": _("rejected")}]
    for name, c in file_counts().items():
        lines.append(f"{name:26s} {c['lines']:9d} {c['imported']:9d} {c['merged']:7d} {c['rejected']:8d}")
    reasons = reason_counts()
    if reasons:
        lines.append(_("Reasons (merged, rejected, and notes on imported lines):"))
        for (file, outcome, reason), n in sorted(reasons.items()):
            lines.append(f"  {file:26s} {outcome:9s} {reason:28s} {n:7d}")
    return lines
