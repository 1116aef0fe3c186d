"""Secondary indexes and foreign keys set aside while a big file is imported (PostgreSQL only,
decisions 0034 and 0043).

Keeping a b-tree current row by row costs far more than building it once from sorted rows, and
some of these indexes (random tokens, e-mail addresses) are written all over at every batch. A
handler names the tables it fills (`FileHandler.bulk_models`, with the columns its own lookups
need); the index statements come from the models themselves (the SQL Django's migrations create),
so an index dropped by a run that was then killed is rebuilt by the next run without any record
of it: the file is not done, so the next run sets the same indexes aside and builds them again
before the file is marked done, in that same transaction. Primary keys, unique indexes and
constraints always stay (they decide what may be written).

Foreign keys of those tables are set aside the same way: a deferred foreign key checks every
inserted row at commit (one probe of the referenced table and a row lock per reference, two or
three per line of the big files), where adding the constraint back checks all rows in one join.
The handlers only write references they have just read or written, so the check at the end
finds nothing; if it ever did, the file's last transaction fails and nothing is marked done."""

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


def _foreign_keys(handler) -> list[tuple[str, str]]:
    """(constraint name, ALTER TABLE … ADD CONSTRAINT statement) of the foreign keys of the handler's
    tables, as Django's migrations create them (same names, DEFERRABLE INITIALLY DEFERRED)."""
    found = []
    with connection.schema_editor(atomic=False, collect_sql=True) as editor:
        for model, _keep in handler.bulk_models:
            for field in model._meta.local_concrete_fields:
                if field.remote_field and field.db_constraint:
                    statement = editor._create_fk_sql(model, field, "_fk_%(to_table)s_%(to_column)s")
                    found.append((str(statement.parts["name"]).strip('"'), model._meta.db_table, str(statement)))
    return found


def _existing_foreign_keys(names) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
                       " AND conname = ANY(%s)", [list(names)])
        return {name for (name,) in cursor.fetchall()}


def _enabled(handler) -> bool:
    return connection.vendor == "postgresql" and bool(handler.bulk_models) and settings.LEGACY_IMPORT_DEFER_INDEXES


def _existing(names) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY(%s)",
                       [list(names)])
        return {name for (name,) in cursor.fetchall()}


def set_aside(handler) -> None:
    """Drop the secondary indexes and foreign keys of the tables the handler is about to fill."""
    if not _enabled(handler):
        return
    statements = _statements(handler)
    present = _existing(name for name, _sql in statements)
    keys = _foreign_keys(handler)
    present_keys = _existing_foreign_keys(name for name, _table, _sql in keys)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, _sql in statements:
            if name in present:
                cursor.execute(f"DROP INDEX {quote(name)}")
        dropping = [(name, table) for name, table, _sql in keys if name in present_keys]
        if dropping:
            # A table with foreign-key checks still pending in this transaction cannot be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name, table in dropping:
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def restore(handler) -> None:
    """Build every secondary index and foreign key of the handler's tables that is missing
    (idempotent)."""
    if not _enabled(handler):
        return
    statements = _statements(handler)
    present = _existing(name for name, _sql in statements)
    missing = [sql for name, sql in statements if name not in present]
    keys = _foreign_keys(handler)
    present_keys = _existing_foreign_keys(name for name, _table, _sql in keys)
    missing += [sql for name, _table, sql in keys if name not in present_keys]
    if not missing:
        return
    with connection.cursor() as cursor:
        # The batch's foreign keys are checked at commit; CREATE INDEX cannot run while such checks
        # are pending on its table: check them now, then defer the rest of the transaction's again.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # Sorting the whole table once per index: give it the memory of a maintenance command.
        cursor.execute("SET LOCAL maintenance_work_mem TO '128MB'")
        # Adding a foreign key back checks every row in one join (hashing the referenced ids).
        cursor.execute("SET LOCAL work_mem TO '64MB'")
        for sql in missing:
            cursor.execute(sql)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def missing_indexes(handlers) -> list[str]:
    """Names of the indexes and foreign keys of these handlers' tables that are not in the database
    (for checks)."""
    names = [name for handler in handlers for name, _sql in _statements(handler)]
    keys = [name for handler in handlers for name, _table, _sql in _foreign_keys(handler)]
    return sorted((set(names) - _existing(names)) | (set(keys) - _existing_foreign_keys(keys)))
