"""The second process that parses a file's lines: the same entries, in the same order, as parsing in
the import process; the export's errors arrive as the same ExportError after the lines before them;
other failures are raised, not lost; and the worker never outlives the import process."""

import gzip
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from twinhub.legacy import parse_worker
from twinhub.legacy.handlers.base import Context
from twinhub.legacy.handlers.twinspaces import ItemsHandler
from twinhub.legacy.loader import _classify
from twinhub.legacy.reader import ExportError, read_manifest
from twinhub.testing.legacy_export import write_export


def _comparable(entries):
    """Entries with results as plain values (a Result compares by identity)."""
    out = []
    for entry in entries:
        if entry[0] == "done":
            out.append(("done", None if entry[1] is None else entry[1].number))
            continue
        _new, number, result, item = entry
        plain = None if result is None else (result.outcome, result.legacy_id, result.reason, result.detail,
                                             list(result.notes))
        if isinstance(item, dict):
            item = {k: v for k, v in item.items() if k != "result"}
        out.append(("new", number, plain, item))
    return out


@pytest.fixture
def items_file(tmp_path):
    export = write_export(tmp_path / "export")
    return export, export / "twinspace_items.jsonl.gz"


def test_the_worker_gives_the_same_entries_as_parsing_here(items_file):
    export, path = items_file
    handler = ItemsHandler(Context(manifest=read_manifest(export)))
    for lines_done in (0, 3):
        here = _comparable(_classify(handler, path, lines_done))
        worker = parse_worker.entries(lambda: _classify(handler, path, lines_done))  # noqa: B023
        assert _comparable(worker) == here
        assert any(e[0] == "new" and e[3] is not None for e in here)  # parsed items crossed the pipe


def test_a_result_and_its_item_stay_one_object_after_the_pipe(items_file):
    export, path = items_file
    handler = ItemsHandler(Context(manifest=read_manifest(export)))
    entries = [e for e in parse_worker.entries(lambda: _classify(handler, path, 0)) if e[0] == "new" and e[3]]
    assert entries and all(result is item["result"] for _n, _number, result, item in entries)


def test_a_damaged_stream_ends_in_the_same_export_error_after_the_lines_before_it(tmp_path):
    path = tmp_path / "twinspace_items.jsonl.gz"
    data = gzip.compress(b"".join(json.dumps({"legacy_id": f"T{i}"}).encode() + b"\n" for i in range(1, 3000)))
    path.write_bytes(data[: len(data) // 2])

    def read(entries):
        seen = []
        with pytest.raises(ExportError) as caught:
            for entry in entries:
                seen.append(entry[1])
        return seen, str(caught.value)

    handler = ItemsHandler(Context(manifest=None))
    here = read(_classify(handler, path, 10**9))
    worker = read(parse_worker.entries(lambda: _classify(handler, path, 10**9)))
    assert worker == here and "damaged after line" in here[1]


def test_a_failure_of_the_parsing_is_raised_with_its_traceback(tmp_path):
    def broken():
        yield ("done", None)
        raise ValueError("a bug in a parser")

    entries = parse_worker.entries(broken)
    assert next(entries) == ("done", None)
    with pytest.raises(parse_worker.WorkerFailed, match="a bug in a parser"):
        next(entries)


def test_the_worker_ends_when_the_import_process_is_killed(tmp_path):
    script = (
        "import itertools, os, signal, sys, time\n"
        "from twinhub.legacy import parse_worker\n"
        "entries = parse_worker.entries(lambda: ((\"done\", None) for _ in itertools.count()))\n"
        "next(entries)\n"
        "print(entries._process.pid, flush=True)\n"
        "time.sleep(0.3)\n"  # the worker fills the pipe and waits for this process to read
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    worker = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.05)
    assert not _alive(worker)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"  # a zombie has ended (its parent is gone)
    except FileNotFoundError:
        return False


def test_the_worker_is_stopped_when_the_import_stops_reading():
    entries = parse_worker.entries(lambda: (("done", None) for _ in iter(int, 1)))
    next(entries)
    pid = entries._process.pid
    entries.close()
    assert not _alive(pid)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
