"""Secondary indexes set aside while a big file is imported (PostgreSQL only, decision 0034).

Keeping a b-tree current row by row costs far more than building it once from sorted rows, and
some of these indexes (random tokens, e-mail addresses) are written all over at every batch. A
handler names the tables it fills (`FileHandler.bulk_models`, with the columns its own lookups
need); the index statements come from the models themselves (the SQL Django's migrations create),
so an index dropped by a run that was then killed is rebuilt by the next run without any record
of it: the file is not done, so the next run sets the same indexes aside and builds them again
before the file is marked done, in that same transaction. Primary keys, unique indexes and
constraints always stay (they decide what may be written)."""

from django.conf import settings
from django.db import connection


def _statements(handler) -> list[tuple[str, str]]:
    """(index name, CREATE INDEX statement) of the handler's tables, less the indexes its lookups use."""
    found = []
    with connection.schema_editor(atomic=False, collect_sql=True) as editor:
        for model, keep in handler.bulk_models:
            for statement in editor._model_indexes_sql(model):
                columns = getattr(statement.parts.get("columns"), "columns", None) or []
                if columns and columns[0] in keep:
                    continue
                found.append((str(statement.parts["name"]).strip('"'), str(statement)))
    return found


def _enabled(handler) -> bool:
    return connection.vendor == "postgresql" and bool(handler.bulk_models) and settings.LEGACY_IMPORT_DEFER_INDEXES


def _existing(names) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY(%s)",
                       [list(names)])
        return {name for (name,) in cursor.fetchall()}


def set_aside(handler) -> None:
    """Drop the secondary indexes of the tables the handler is about to fill."""
    if not _enabled(handler):
        return
    statements = _statements(handler)
    present = _existing(name for name, _sql in statements)
    with connection.cursor() as cursor:
        for name, _sql in statements:
            if name in present:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")


def restore(handler) -> None:
    """Build every secondary index of the handler's tables that is missing (idempotent)."""
    if not _enabled(handler):
        return
    statements = _statements(handler)
    present = _existing(name for name, _sql in statements)
    missing = [sql for name, sql in statements if name not in present]
    if not missing:
        return
    with connection.cursor() as cursor:
        # The batch's foreign keys are checked at commit; CREATE INDEX cannot run while such checks
        # are pending on its table: check them now, then defer the rest of the transaction's again.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # Sorting the whole table once per index: give it the memory of a maintenance command.
        cursor.execute("SET LOCAL maintenance_work_mem TO '128MB'")
        for sql in missing:
            cursor.execute(sql)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def missing_indexes(handlers) -> list[str]:
    """Names of the indexes of these handlers' tables that are not in the database (for checks)."""
    names = [name for handler in handlers for name, _sql in _statements(handler)]
    return sorted(set(names) - _existing(names))
