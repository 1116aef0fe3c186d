"""The import engine: phases of files, files of batches. Each batch's rows, its merged/rejected
records and the file's checkpoint are committed in one transaction, so a run killed at any
moment resumes exactly where the last commit left it."""

import gc
import queue
import threading
from collections import OrderedDict
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from twinhub.legacy import indexes, rules
from twinhub.legacy.bulk import insert_rows
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
from twinhub.legacy.reader import ExportError, Manifest, read_lines, unknown_files, verify_file

# Exact repeats are copies of one of the previous 256 well-formed lines (format §6.2); keep more.
DUPLICATE_WINDOW = 1024


def batch_size() -> int:
    """Lines committed per transaction (settings.LEGACY_IMPORT_BATCH, read at each file)."""
    return settings.LEGACY_IMPORT_BATCH


def _legacy_id(record) -> str | None:
    value = record.get("legacy_id") if isinstance(record, dict) else None
    return value if isinstance(value, str) else None


def _commit(handler: FileHandler, state: LegacyFile, batch: list[tuple[int, Result | None, object]],
            last_line: int, final: bool) -> None:
    """Write a batch of (line number, result or None, what the handler needs: its parsed item, or
    the Line when it parses in process()) with its records and the file's checkpoint."""
    if handler.parses_lines:
        parsed = [(result, item) for _n, result, item in batch if item is not None]
        if parsed:
            handler.write(parsed)
        results = iter(())
    else:
        todo = [line for _n, result, line in batch if result is None]
        results = iter(handler.process(todo) if todo else [])
    records, counts = [], {IMPORTED: 0, MERGED: 0, REJECTED: 0}
    for number, result, _item in batch:
        result = result or next(results)
        counts[result.outcome] += 1
        if result.outcome != IMPORTED:
            records.append((state.name, number, result.legacy_id, result.outcome, result.reason, result.detail))
        if result.notes:  # one record per kind of note (the last detail of a kind)
            for code, detail in dict(result.notes).items():
                records.append((state.name, number, result.legacy_id, Outcome.NOTE, code, detail))
    if final:
        indexes.restore(handler)  # before finish(), whose set-based updates may need them
        handler.finish()
    insert_rows(LegacyRecord, ("file", "line", "legacy_id", "outcome", "reason", "detail"), records)
    state.lines_done = last_line
    state.imported += counts[IMPORTED]
    state.merged += counts[MERGED]
    state.rejected += counts[REJECTED]
    state.done = final
    state.save()


# Tables whose statistics are stale: changed by a quarter of their rows (or never analysed and
# changed) since the last ANALYZE. The import fills a few tables from empty; the database's other
# tables stay as they are and need no new statistics.
_STALE_TABLES = """
    SELECT quote_ident(schemaname) || '.' || quote_ident(relname) FROM pg_stat_user_tables
    WHERE n_mod_since_analyze > 0
      AND (n_mod_since_analyze >= greatest(%s, n_live_tup / 4)
           OR (last_analyze IS NULL AND last_autoanalyze IS NULL))
    ORDER BY relname"""
STALE_MIN_CHANGES = 500


class _Statistics:
    """On PostgreSQL, the tables fill from empty during the import: without fresh statistics the
    planner takes a table of millions for a small one (or the other way round) and a batch's
    lookups turn into scans. ANALYZE the tables that changed much (not the whole database: the
    other tables cost time for nothing) when a file starts and after 16,000, 64,000, 256,000…
    lines, as the tables grow (whatever the batch size)."""

    def __init__(self):
        self.lines, self.next = 0, 16_000
        self.run()

    def run(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Counters of this session's own changes reach pg_stat_user_tables at commit,
                # at most once a second: flush them so the previous batch counts.
                cursor.execute("SELECT pg_stat_force_next_flush()")
                cursor.execute(_STALE_TABLES, [STALE_MIN_CHANGES])
                tables = [name for (name,) in cursor.fetchall()]
                if tables:
                    cursor.execute(f"ANALYZE {', '.join(tables)}")

    def after_batch(self, lines: int):
        self.lines += lines
        if self.lines >= self.next:
            self.next *= 4
            self.run()


def run_file(handler: FileHandler, progress=None) -> LegacyFile:
    name = handler.file
    state, _c = LegacyFile.objects.get_or_create(name=name, defaults={"phase": rules.phase_of(name)})
    if state.done:
        return state
    path = handler.ctx.manifest.folder / name
    with transaction.atomic():
        indexes.set_aside(handler)
    try:
        return _read_file(handler, state, path, progress)
    except BaseException:
        # Whatever stopped the run (a damaged stream, an interrupt), the platform keeps its
        # indexes; the file is not done, so the next run sets them aside again.
        try:
            with transaction.atomic():
                indexes.restore(handler)
        except Exception:  # noqa: S110 - the first error is the one to report; the next run rebuilds them
            pass
        raise


def _read_file(handler: FileHandler, state: LegacyFile, path, progress) -> LegacyFile:
    batch: list[tuple[int, Result | None, object]] = []
    size, last = batch_size(), state.lines_done
    analyze = _Statistics()
    entries = _read_ahead(_classify(handler, path, state.lines_done))
    try:
        for entry in entries:
            if entry[0] == DONE:  # committed by an earlier run
                if entry[1] is not None:
                    handler.resumed = True
                    handler.observe(entry[1])
                if progress:
                    progress(1)
                continue
            _new, number, result, item = entry
            batch.append((number, result, item))
            last = number
            if len(batch) >= size:
                with transaction.atomic():
                    _commit(handler, state, batch, last, final=False)
                if progress:
                    progress(len(batch))
                analyze.after_batch(len(batch))
                batch = []
    except ExportError:
        # The stream broke (checked before the phase, so the file changed since): keep what was
        # read up to here, then stop with the error naming the file and line.
        with transaction.atomic():
            _commit(handler, state, batch, last, final=False)
        raise
    finally:
        entries.close()
    with transaction.atomic():
        _commit(handler, state, batch, last, final=True)
    if progress and batch:
        progress(len(batch))
    return state


DONE, NEW = "done", "new"

# Entries handed over at a time, and how many such chunks the reading thread may keep ready.
READ_AHEAD_CHUNK, READ_AHEAD_CHUNKS = 500, 20
_END = object()


def _read_ahead(entries):
    """The same entries in the same order, read, decompressed and parsed by a second thread while
    this one writes: the writing thread spends much of its time waiting for PostgreSQL (COPY,
    commits, index builds, ANALYZE), which lets the other thread run. Only `_classify` runs there:
    reading and `FileHandler.parse`, which touches no database and no state the writing changes.
    Whatever ends the reading (a damaged stream: ExportError) is raised here after the entries read
    before it, as the generator itself would raise it. The queue is bounded: memory stays small."""
    chunks: queue.Queue = queue.Queue(READ_AHEAD_CHUNKS)
    stop = threading.Event()
    language = translation.get_language()

    def read():
        if language:  # the words of the rejections, as in the writing thread
            translation.activate(language)
        chunk = []
        try:
            for entry in entries:
                chunk.append(entry)
                if len(chunk) >= READ_AHEAD_CHUNK:
                    if not _hand_over(chunks, chunk, stop):
                        return
                    chunk = []
            _hand_over(chunks, chunk, stop)
            _hand_over(chunks, _END, stop)
        except BaseException as exc:  # noqa: BLE001 - handed over to the writing thread, raised there
            _hand_over(chunks, chunk, stop)
            _hand_over(chunks, exc, stop)
        finally:
            entries.close()

    reader = threading.Thread(target=read, name="legacy-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            chunk = chunks.get()
            if chunk is _END:
                return
            if isinstance(chunk, BaseException):
                raise chunk
            yield from chunk
    finally:
        stop.set()
        while reader.is_alive():  # unblock a reader waiting for room, then let it end
            try:
                chunks.get_nowait()
            except queue.Empty:
                reader.join(0.05)


def _hand_over(chunks: queue.Queue, item, stop: threading.Event) -> bool:
    """Put the item when there is room; False when the writing thread stopped reading."""
    while not stop.is_set():
        try:
            chunks.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _classify(handler: FileHandler, path, lines_done: int):
    """Each line of the file as (DONE, Line or None) when an earlier run committed it (the Line, for
    `observe`, unless it is malformed or an exact repeat), else (NEW, number, result, item): result
    is final for a malformed or repeated line and for a line the handler's `parse` rejects, None
    when `process` will decide; item is what `write` takes, or the Line for `process`."""
    recent: OrderedDict[bytes, None] = OrderedDict()
    parse = handler.parse if handler.parses_lines else None
    for line in read_lines(path):
        if line.number <= lines_done:
            if line.record is not None:
                yield (DONE, None if line.raw in recent else line)
                recent[line.raw] = None
                if len(recent) > DUPLICATE_WINDOW:
                    recent.popitem(last=False)
            else:
                yield (DONE, None)
            continue
        if line.record is None:
            yield (NEW, line.number,
                   rejected(None, "malformed_line", _("not valid JSON (%(error)s)") % {"error": line.error}), None)
        elif line.raw in recent:
            yield (NEW, line.number,
                   merged(_legacy_id(line.record), "duplicate_line", _("exact repeat of an earlier line")), None)
        else:
            recent[line.raw] = None
            if len(recent) > DUPLICATE_WINDOW:
                recent.popitem(last=False)
            if parse is None:
                yield (NEW, line.number, None, line)
            else:
                result, item = parse(line)
                yield (NEW, line.number, result, item)


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


@contextmanager
def _few_collections():
    """The import makes millions of short-lived containers (results, parsed items, rows) while its
    memos of ids only grow: with the default thresholds the cyclic garbage collector runs every
    700 allocations and walks the long-lived ones again and again (a fifth of the TwinSpace
    phase's CPU time). Its rows hold no cycles worth chasing that often: collect far less often
    for the phase, then as before."""
    saved = gc.get_threshold()
    gc.collect()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def run_phase(phase: str, ctx: Context, progress_factory=None) -> None:
    with _few_collections():
        _run_phase(phase, ctx, progress_factory)


def _run_phase(phase: str, ctx: Context, progress_factory=None) -> None:
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
