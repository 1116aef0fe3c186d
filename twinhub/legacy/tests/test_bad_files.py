"""Bad export files end with a clear, translated message naming the file (and line), never a
traceback, and nothing already imported is lost."""

import gzip
import hashlib
import json

import pytest
from django.core.management.base import CommandError
from django.utils import translation

from twinhub.legacy.models import LegacyPhase, LegacyUser
from twinhub.projects.models import Project

pytestmark = pytest.mark.django_db


def _rewrite(folder, name, data: bytes, *, records=None) -> None:
    """Replace a data file and update its size and checksum in the manifest to match (so only the
    contents can tell it is damaged)."""
    (folder / name).write_bytes(data)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["files"][name]
    entry.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    if records is not None:
        entry["records"] = records
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _edit_manifest(folder, change) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    change(manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def test_a_file_cut_inside_the_gzip_stream_is_named_with_its_line_before_anything_is_written(export_dir, run_import):
    data = (export_dir / "users.jsonl.gz").read_bytes()
    _rewrite(export_dir, "users.jsonl.gz", data[: len(data) * 2 // 3])

    with pytest.raises(CommandError, match=r"users\.jsonl\.gz is damaged after line \d+"):
        run_import()

    assert not LegacyUser.objects.exists()  # checked before the first phase: nothing half-imported
    assert not LegacyPhase.objects.filter(state="running").exists()


def test_a_file_that_is_not_gzip_is_named(export_dir, run_import):
    _rewrite(export_dir, "schools.jsonl.gz", b'{"legacy_id": "S1"}\n')

    with pytest.raises(CommandError, match=r"schools\.jsonl\.gz is not a gzip file"):
        run_import()


def test_a_damaged_later_file_is_found_before_the_first_phase_and_keeps_what_was_imported(export_dir, run_import):
    run_import("--phase", "accounts")
    people = LegacyUser.objects.count()
    data = (export_dir / "quality_labels.jsonl.gz").read_bytes()
    _rewrite(export_dir, "quality_labels.jsonl.gz", data[:-12])  # the gzip trailer is gone

    with pytest.raises(CommandError, match=r"quality_labels\.jsonl\.gz is damaged after line \d+"):
        run_import()  # projects, twinspaces, labels

    assert not Project.objects.exists()  # the projects phase did not start either
    assert LegacyUser.objects.count() == people
    assert LegacyPhase.objects.get(name="accounts").state == "done"


def test_a_file_with_fewer_lines_than_the_manifest_says_is_refused(export_dir, run_import):
    lines = gzip.decompress((export_dir / "pupils.jsonl.gz").read_bytes()).split(b"\n")
    _rewrite(export_dir, "pupils.jsonl.gz", gzip.compress(b"\n".join(lines[:2]) + b"\n", mtime=0))

    with pytest.raises(CommandError, match=r"pupils\.jsonl\.gz holds 2 lines where the manifest says \d+"):
        run_import()


@pytest.mark.parametrize("change, message", [
    (lambda m: m.update(files=list(m["files"])), r'"files" must be an object'),
    (lambda m: m["files"]["users.jsonl.gz"].update(records="many"), r'"records" of users\.jsonl\.gz must be a whole'),
    (lambda m: m["files"]["users.jsonl.gz"].update(records=12.5), r'"records" of users\.jsonl\.gz must be a whole'),
    (lambda m: m["files"]["users.jsonl.gz"].update(sha256="abc"), r'"sha256" of users\.jsonl\.gz'),
    (lambda m: m.update(generated_at="yesterday"), r'"generated_at" must be a time'),
    (lambda m: m.update(generated_at="2999-01-01T00:00:00Z"), r'"generated_at" .* in the future'),
    (lambda m: m.update(generated_at=None), r'"generated_at" must be a time'),
])
def test_a_nonsense_manifest_is_refused_naming_the_field(export_dir, run_import, change, message):
    _edit_manifest(export_dir, change)

    with pytest.raises(CommandError, match=rf"manifest\.json is not a valid export manifest: {message}"):
        run_import()
    assert not LegacyUser.objects.exists()


def test_the_messages_are_translated(export_dir, run_import):
    _edit_manifest(export_dir, lambda m: m.update(files=[]))
    with translation.override("tr"), pytest.raises(CommandError) as error:
        run_import()
    assert "geçerli" in str(error.value) and "manifest.json" in str(error.value)


def test_a_phase_a_kill_left_running_recovers_by_itself(run_import):
    run_import("--phase", "accounts")
    # What a kill -9 during an explicit `--phase accounts` rerun used to leave behind.
    LegacyPhase.objects.filter(name="accounts").update(state="running")

    out = run_import("--phase", "projects")

    assert "Resuming the interrupted accounts phase first." in out
    assert LegacyPhase.objects.get(name="accounts").state == "done"
    assert LegacyPhase.objects.get(name="projects").state == "done" and Project.objects.count() == 4


def test_an_explicit_rerun_of_a_finished_phase_never_marks_it_running(run_import, monkeypatch):
    run_import("--phase", "accounts")
    from twinhub.legacy import loader

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # stands for the kill: the run stops inside the phase

    monkeypatch.setattr(loader, "run_file", killed)
    with pytest.raises(KeyboardInterrupt):
        run_import("--phase", "accounts")
    assert LegacyPhase.objects.get(name="accounts").state == "done"
