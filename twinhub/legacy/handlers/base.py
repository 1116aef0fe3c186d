"""What a file handler is and what it answers for each line: the contract between the import
engine (loader.py) and the handlers of this package."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from twinhub.legacy.reader import Line, Manifest

IMPORTED, MERGED, REJECTED = "imported", "merged", "rejected"


@dataclass(slots=True, eq=False)  # compared by identity: a batch finds its own results
class Result:
    outcome: str
    legacy_id: str | None = None
    reason: str = ""
    detail: str = ""
    notes: list = field(default_factory=list)  # [(code, detail)] on an imported line

    def note(self, code: str, detail: str = "") -> None:
        self.notes.append((code, detail))

    def become(self, outcome: str, reason: str, detail: str = "", *, keep_notes: bool = False) -> None:
        """Change the verdict in place (handlers keep their results in order; no list search)."""
        self.outcome, self.reason, self.detail = outcome, reason, detail
        if not keep_notes:
            self.notes = []


def imported(legacy_id=None) -> Result:
    return Result(IMPORTED, legacy_id)


def merged(legacy_id, reason, detail="") -> Result:
    return Result(MERGED, legacy_id, reason, detail)


def rejected(legacy_id, reason, detail="") -> Result:
    return Result(REJECTED, legacy_id, reason, detail)


@dataclass
class Context:
    manifest: Manifest
    console: object = None
    # What a run wrote, kept in memory for the files after it when the run wrote all of it (a
    # fresh import): {"people": PeopleMemo, "schools": {legacy id: school id},
    # "school_places": {school id: (country, region)}}. Absent after a resume: the
    # database answers then.
    memo: dict = field(default_factory=dict)

    @property
    def not_after(self) -> datetime | None:
        return self.manifest.generated_at

    @property
    def fallback_time(self) -> datetime:
        """The best bound for a timestamp that is unknown: the export's time."""
        return self.manifest.generated_at or timezone.now()


class FileHandler:
    """Classifies and writes one file's well-formed, non-repeated lines, a batch at a time."""

    file = ""
    # ((model, columns its lookups need), ...): tables this file fills in bulk, whose other
    # secondary indexes are built once at the end of the file instead of row by row (indexes.py).
    bulk_models: tuple = ()

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.resumed = False  # the loader saw lines an earlier run committed (before `observe`)
        self._whole: bool | None = None

    def observe(self, line: Line) -> None:  # noqa: B027 (an optional hook)
        """A line committed by an earlier run: rebuild in-memory state, write nothing."""

    def writes_whole_file(self, model) -> bool:
        """Does this run write the file from its first line into an empty `model` table (a fresh import)?
        Then what it writes can be kept in memory for the lookups after it; otherwise the database
        answers. Decided at the first batch, when the table is still as the run found it."""
        if self._whole is None:
            self._whole = not self.resumed and not model.objects.exists()
        return self._whole

    def process(self, lines: list[Line]) -> list[Result]:
        """One Result per line, in order: imported, merged or rejected with its reason. A handler
        either overrides this, or parses each line (`parse`) and writes a batch of items (`write`)."""
        pairs = [self.parse(line) for line in lines]
        self.write([(result, item) for result, item in pairs if item is not None])
        return [result for result, _item in pairs]

    @property
    def parses_lines(self) -> bool:
        """Whether lines are parsed one by one (`parse`), apart from the writing (`write`)."""
        return type(self).parse is not FileHandler.parse

    def parse(self, line: Line) -> tuple[Result, object | None]:
        """(result, item to write) of a well-formed, new line; (the rejection, None) when its fields
        are not what the format promises. Pure: no database, no state shared between lines."""
        raise NotImplementedError

    def write(self, parsed: list[tuple[Result, object]]) -> None:
        """Write a batch of parsed items, updating their results in place (merged, rejected, notes)."""
        raise NotImplementedError

    def finish(self) -> None:  # noqa: B027 (an optional hook)
        """After the last line of the file (inside the last transaction)."""
