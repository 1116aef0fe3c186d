"""Reading an export folder: the manifest (checked before anything is written) and the
.jsonl.gz files, streamed line by line without holding a file in memory."""

import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.utils.translation import gettext as _

try:  # several times faster on the export's millions of lines; same results for valid JSON
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a dependency; the standard library still works
    _loads = json.loads

from twinhub.legacy.format import DATA_FILES, FORMAT_VERSION, MANIFEST, PLATFORM_LAUNCH, parse_timestamp

# What reading a damaged .gz raises: cut short (EOFError), not gzip at all (BadGzipFile), a
# corrupt stream (zlib.error), a bad CRC or length at the end (BadGzipFile).
_GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)
_SHA256 = re.compile(r"[0-9a-f]{64}")


class ExportError(Exception):
    """The folder cannot be imported at all (unreadable, unknown version, damaged file)."""


@dataclass(frozen=True)
class Manifest:
    folder: Path
    generated_at: datetime | None
    files: dict

    def records(self, name: str) -> int:
        return self.files.get(name, {}).get("records", 0)


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _manifest_error(problem: str) -> ExportError:
    return ExportError(_("%(file)s is not a valid export manifest: %(problem)s") % {"file": MANIFEST,
                                                                                    "problem": problem})


def _checked_files(files) -> dict:
    """`files` as format "1" says: an object of {"records": int, "bytes": int, "sha256": hex}."""
    if not isinstance(files, dict):
        raise _manifest_error(_("\"files\" must be an object keyed by file name, not %(type)s.")
                              % {"type": type(files).__name__})
    for name, entry in files.items():
        if not isinstance(entry, dict):
            raise _manifest_error(_("the entry of %(name)s must be an object.") % {"name": name})
        for key in ("records", "bytes"):
            if not _is_count(entry.get(key)):
                raise _manifest_error(_("\"%(key)s\" of %(name)s must be a whole number, not %(value)r.")
                                      % {"key": key, "name": name, "value": entry.get(key)})
        if not isinstance(entry.get("sha256"), str) or not _SHA256.fullmatch(entry["sha256"]):
            raise _manifest_error(_("\"sha256\" of %(name)s must be 64 lower-case hexadecimal digits.")
                                  % {"name": name})
    return dict(files)


def _checked_generated_at(value) -> datetime:
    """When the export was taken: the bound of every future-timestamp check, so it must be real."""
    moment, note = parse_timestamp(value, not_after=None)
    if moment is None or note == "ts_invalid":
        raise _manifest_error(_("\"generated_at\" must be a time such as 2025-07-27T10:16:41Z, not %(value)r.")
                              % {"value": value})
    if moment < PLATFORM_LAUNCH or moment > datetime.now(UTC) + timedelta(days=1):
        raise _manifest_error(_("\"generated_at\" (%(value)s) is before the old platform existed or in the "
                                "future.") % {"value": value})
    return moment


def read_manifest(folder) -> Manifest:
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError(_("%(folder)s is not a readable folder.") % {"folder": folder})
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(_("Cannot read %(file)s: %(error)s") % {"file": folder / MANIFEST, "error": exc}) from exc
    except ValueError as exc:
        raise ExportError(_("%(file)s is not valid JSON: %(error)s") % {"file": folder / MANIFEST, "error": exc}) from exc
    version = data.get("format_version") if isinstance(data, dict) else None
    if version != FORMAT_VERSION:
        raise ExportError(_("Unknown export format version %(version)r: this importer reads version %(known)r only.")
                          % {"version": version, "known": FORMAT_VERSION})
    generated_at = _checked_generated_at(data.get("generated_at"))
    return Manifest(folder=folder, generated_at=generated_at, files=_checked_files(data.get("files")))


def verify_file(manifest: Manifest, name: str, *, lines: bool = False) -> None:
    """Size and SHA-256 as the manifest says, or the export is damaged and nothing is imported.
    With `lines`, also read the whole gzip stream: a file cut short or not gzip at all, whose size
    and checksum were updated to match, is found before any phase starts, with the line it ends at."""
    path = manifest.folder / name
    expected = manifest.files.get(name)
    if expected is None:
        raise ExportError(_("The manifest does not list %(file)s.") % {"file": name})
    try:
        size = path.stat().st_size
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise ExportError(_("Cannot read %(file)s: %(error)s") % {"file": path, "error": exc}) from exc
    if size != expected.get("bytes") or digest.hexdigest() != expected.get("sha256"):
        raise ExportError(_("%(file)s does not match the manifest (size or SHA-256): the export is damaged.")
                          % {"file": name})
    if lines:
        found = count_lines(path, name)
        if found != expected["records"]:
            raise ExportError(_("%(file)s holds %(found)d lines where the manifest says %(records)d: the export "
                                "is damaged.") % {"file": name, "found": found, "records": expected["records"]})


def _damaged(name: str, line: int, error: Exception) -> ExportError:
    if line == 0 and isinstance(error, gzip.BadGzipFile):
        return ExportError(_("%(file)s is not a gzip file (%(error)s): the export is damaged.")
                           % {"file": name, "error": error or type(error).__name__})
    return ExportError(_("%(file)s is damaged after line %(line)d: the compressed data ends early or is corrupt "
                         "(%(error)s). Nothing after that line can be read; ask for a new export of this file.")
                       % {"file": name, "line": line, "error": error or type(error).__name__})


def count_lines(path, name: str) -> int:
    """Lines of a .jsonl.gz, reading the whole stream (ExportError naming the line where it breaks)."""
    count = 0
    try:
        with gzip.open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                count += chunk.count(b"\n")
    except _GZIP_ERRORS as exc:
        raise _damaged(name, count, exc) from exc
    return count


def unknown_files(manifest: Manifest) -> list[str]:
    known = set(DATA_FILES) | {MANIFEST}
    return sorted(p.name for p in manifest.folder.iterdir() if p.name not in known)


@dataclass(slots=True)
class Line:
    number: int          # 1-based line number in the decompressed file
    raw: bytes
    record: dict | None  # None when the line is not a JSON object
    error: str = ""


def read_lines(path) -> Iterator[Line]:
    """Every line of a .jsonl.gz, split on LF only (U+2028 inside strings stays inside its line).
    A damaged stream ends in ExportError naming the file and the last line read."""
    number = 0
    try:
        with gzip.open(path, "rb") as handle:
            for raw in handle:
                number += 1
                raw = raw[:-1] if raw.endswith(b"\n") else raw
                try:
                    record = _loads(raw)
                except ValueError as exc:
                    yield Line(number, raw, None, str(exc))
                    continue
                if not isinstance(record, dict):
                    yield Line(number, raw, None, "not a JSON object")
                    continue
                yield Line(number, raw, record)
    except _GZIP_ERRORS as exc:
        raise _damaged(Path(path).name, number, exc) from exc
