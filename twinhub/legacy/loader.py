"""The import engine: phases of files, files of batches. Each batch's rows, its merged/rejected
records and the file's checkpoint are committed in one transaction, so a run killed at any
moment resumes exactly where the last commit left it."""

from collections import OrderedDict

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinhub.legacy import rules
from twinhub.legacy.bulk import build, insert
from twinhub.legacy.format import PHASE_NAMES, PHASES
from twinhub.legacy.handlers import available_handlers
from twinhub.legacy.handlers.base import (
    IMPORTED,
    MERGED,
    REJECTED,
    Context,
    FileHandler,
    Result,
    merged,
    rejected,
)
from twinhub.legacy.models import LegacyFile, LegacyPhase, LegacyRecord, Outcome, PhaseState
from twinhub.legacy.reader import ExportError, Line, Manifest, read_lines, unknown_files, verify_file

# Exact repeats are copies of one of the previous 256 well-formed lines (format §6.2); keep more.
DUPLICATE_WINDOW = 1024


def batch_size() -> int:
    """Lines committed per transaction (settings.LEGACY_IMPORT_BATCH, read at each file)."""
    return settings.LEGACY_IMPORT_BATCH


def _legacy_id(record) -> str | None:
    value = record.get("legacy_id") if isinstance(record, dict) else None
    return value if isinstance(value, str) else None


def _commit(handler: FileHandler, state: LegacyFile, batch: list[tuple[Line, Result | None]],
            last_line: int, final: bool) -> None:
    todo = [line for line, result in batch if result is None]
    results = iter(handler.process(todo) if todo else [])
    records, counts = [], {IMPORTED: 0, MERGED: 0, REJECTED: 0}
    for line, result in batch:
        result = result or next(results)
        counts[result.outcome] += 1
        if result.outcome != IMPORTED:
            records.append(build(LegacyRecord, file=state.name, line=line.number, legacy_id=result.legacy_id,
                                        outcome=result.outcome, reason=result.reason, detail=result.detail))
        for code, detail in dict(result.notes).items():
            records.append(build(LegacyRecord, file=state.name, line=line.number, legacy_id=result.legacy_id,
                                        outcome=Outcome.NOTE, reason=code, detail=detail))
    if final:
        handler.finish()
    insert(LegacyRecord, records)
    state.lines_done = last_line
    state.imported += counts[IMPORTED]
    state.merged += counts[MERGED]
    state.rejected += counts[REJECTED]
    state.done = final
    state.save()


class _Statistics:
    """On PostgreSQL, the tables fill from empty during the import: without fresh statistics the
    planner takes a table of millions for a small one (or the other way round) and a batch's
    lookups turn into scans. ANALYZE (about a second) when a file starts and after 8, 32, 128,
    512… batches, as the tables grow."""

    def __init__(self):
        self.batches, self.next = 0, 8
        self.run()

    def run(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def after_batch(self):
        self.batches += 1
        if self.batches >= self.next:
            self.next *= 4
            self.run()


def run_file(handler: FileHandler, progress=None) -> LegacyFile:
    name = handler.file
    state, _c = LegacyFile.objects.get_or_create(name=name, defaults={"phase": rules.phase_of(name)})
    if state.done:
        return state
    path = handler.ctx.manifest.folder / name
    recent: OrderedDict[bytes, None] = OrderedDict()
    batch: list[tuple[Line, Result | None]] = []
    size, last = batch_size(), state.lines_done

    def remember(raw: bytes) -> None:
        recent[raw] = None
        if len(recent) > DUPLICATE_WINDOW:
            recent.popitem(last=False)

    analyze = _Statistics()
    lines = read_lines(path)
    while True:
        try:
            line = next(lines, None)
        except ExportError:
            # The stream broke (checked before the phase, so the file changed since): keep what was
            # read up to here, then stop with the error naming the file and line.
            with transaction.atomic():
                _commit(handler, state, batch, last, final=False)
            raise
        if line is None:
            break
        if line.number <= state.lines_done:  # committed by an earlier run
            if line.record is not None:
                if line.raw not in recent:
                    handler.observe(line)
                remember(line.raw)
            if progress:
                progress(1)
            continue
        if line.record is None:
            result = rejected(None, "malformed_line", _("not valid JSON (%(error)s)") % {"error": line.error})
        elif line.raw in recent:
            result = merged(_legacy_id(line.record), "duplicate_line", _("exact repeat of an earlier line"))
        else:
            result = None
            remember(line.raw)
        batch.append((line, result))
        last = line.number
        if len(batch) >= size:
            with transaction.atomic():
                _commit(handler, state, batch, last, final=False)
            if progress:
                progress(len(batch))
            batch = []
            analyze.after_batch()
    with transaction.atomic():
        _commit(handler, state, batch, last, final=True)
    if progress and batch:
        progress(len(batch))
    return state


# --- Phases ----------------------------------------------------------------------------------

def phase_states() -> dict[str, LegacyPhase]:
    existing = {p.name: p for p in LegacyPhase.objects.all()}
    for name in PHASE_NAMES:
        if name not in existing:
            existing[name], _c = LegacyPhase.objects.get_or_create(name=name)
    return existing


def handlers_for(phase: str):
    """The handler classes of a phase, or None when this platform cannot import it yet."""
    return available_handlers().get(phase)


def verify_export(manifest: Manifest, phases) -> None:
    """Every file the phases will read, whole: size, SHA-256, a complete gzip stream and the number
    of lines the manifest says — before the first phase writes anything."""
    for phase in phases:
        for name in PHASES[phase]:
            verify_file(manifest, name, lines=True)


def run_phase(phase: str, ctx: Context, progress_factory=None) -> None:
    handler_classes = handlers_for(phase)
    if handler_classes is None:
        raise ExportError(_("The %(phase)s phase cannot run on this platform yet.") % {"phase": phase})
    for name in PHASES[phase]:
        verify_file(ctx.manifest, name)
    if LegacyPhase.objects.filter(name=phase, state=PhaseState.DONE).exists():
        # An explicit rerun of a finished phase: its files are done, nothing changes; the phase
        # stays done whatever happens to this run (a kill cannot leave it "running").
        for handler_class in handler_classes:
            run_file(handler_class(ctx))
        return
    if connection.vendor == "postgresql":
        # Each batch commits with its checkpoint, so a commit lost in a server crash is simply
        # imported again on the next run; the import need not wait for each WAL flush.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    LegacyPhase.objects.filter(name=phase, started_at__isnull=True).update(started_at=timezone.now())
    LegacyPhase.objects.filter(name=phase).update(state=PhaseState.RUNNING,
                                                   export_generated_at=ctx.manifest.generated_at)
    for handler_class in handler_classes:
        handler = handler_class(ctx)
        progress = progress_factory(handler.file, ctx.manifest.records(handler.file)) if progress_factory else None
        run_file(handler, progress)
    if phase == "accounts":
        # Bulk inserts skip the signals that keep partner search current: rebuild it once (idempotent).
        from twinhub.contacts.search_index import search_index_rebuild

        search_index_rebuild()
    LegacyPhase.objects.filter(name=phase).update(state=PhaseState.DONE, finished_at=timezone.now())


def plan(requested: list[str] | None) -> tuple[list[str], list[str]]:
    """(phases to run, phases left out because this platform cannot import them yet). A phase a
    killed run left "running" is resumed first when a later phase needs it: the state recovers by
    itself, no plain rerun needed."""
    states = {name: p.state for name, p in phase_states().items()}
    wanted = list(requested) if requested else [p for p in PHASE_NAMES if states[p] != PhaseState.DONE]
    if requested:
        wanted += [p for p in PHASE_NAMES if states[p] == PhaseState.RUNNING and p not in wanted
                   and any(p in rules.REQUIRES[w] for w in wanted)]
    unavailable = [p for p in wanted if handlers_for(p) is None]
    if not requested:
        wanted = [p for p in wanted if p not in unavailable]
    refusal = rules.phase_plan_refusal(wanted=wanted, states=states, unavailable=unavailable)
    if refusal:
        raise ExportError(f"{refusal.message} {refusal.next_step}".strip())
    return [p for p in PHASE_NAMES if p in wanted], unavailable


def ignored_files(manifest: Manifest) -> list[str]:
    return unknown_files(manifest)
