"""A second process that reads and parses a file's lines while the import process writes them
(decision 0043). On two cores the parsing — gzip, JSON, the format's checks, sanitising HTML — and
the writing then run side by side instead of taking turns.

The worker is forked once per file, runs the generator it is given (pure work: it never touches the
database, whose connection it inherits and must not use) and sends its entries in chunks through a
pipe. It ends with `os._exit`, so nothing inherited (the database connection above all) is closed or
flushed from the child. If the import process dies (kill -9), the worker's next send fails and it
ends; if the import stops for any other reason, it kills the worker."""

import multiprocessing
import os
import traceback

from twinhub.legacy.reader import ExportError

CHUNK = 500  # entries per message: large enough that pickling, not the pipe, is the cost
_END, _ENTRIES, _EXPORT_ERROR, _FAILED = "end", "entries", "export_error", "failed"


def _work(make_entries, connection, other_end) -> None:
    other_end.close()  # else a dead import process would leave a reader, and a send would wait for ever
    status, chunk = 0, []
    try:
        for entry in make_entries():
            chunk.append(entry)
            if len(chunk) >= CHUNK:
                connection.send((_ENTRIES, chunk))
                chunk = []
        if chunk:
            connection.send((_ENTRIES, chunk))
        connection.send((_END, None))
    except ExportError as exc:
        connection.send((_ENTRIES, chunk))
        connection.send((_EXPORT_ERROR, str(exc)))
    except (BrokenPipeError, ConnectionResetError):  # the import process is gone
        status = 1
    except BaseException:  # noqa: BLE001 - reported to the import process, which raises it
        try:
            connection.send((_ENTRIES, chunk))  # the entries before the failure, as here
            connection.send((_FAILED, traceback.format_exc()))
        except OSError:
            status = 1
    finally:
        os._exit(status)


class WorkerFailed(RuntimeError):
    """The parsing process failed with an error that is not the export's (its traceback is the message)."""


class Entries:
    """Iterates over the worker's entries, in order; `close()` stops the worker."""

    def __init__(self, make_entries):
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_work, args=(make_entries, send, self._receive), daemon=True)
        self._process.start()
        send.close()  # the worker holds the only sending end: its death ends our reads
        self._chunk, self._done = iter(()), False

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            for entry in self._chunk:
                return entry
            if self._done:
                raise StopIteration
            try:
                kind, payload = self._receive.recv()
            except EOFError:
                self.close()
                raise WorkerFailed("the parsing process ended without finishing the file") from None
            if kind == _ENTRIES:
                self._chunk = iter(payload)
            elif kind == _END:
                self._done = True
            elif kind == _EXPORT_ERROR:
                self._done = True
                self.close()
                raise ExportError(payload)
            else:
                self.close()
                raise WorkerFailed(payload)

    def close(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._receive.close()


def entries(make_entries) -> Entries:
    return Entries(make_entries)
