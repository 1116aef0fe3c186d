"""Fast inserts for the import. On PostgreSQL: ids taken from the table's sequence in one query,
then every row streamed with COPY straight into the table (no per-row SQL, no Django compiler);
on other databases (SQLite in the tests): `bulk_create`. Either way the rows are written inside
the caller's transaction, so a batch and its checkpoint still commit together."""

import json

from django.db import connection, models

# Field types whose Python value psycopg can COPY as is.
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.DateTimeField,
          models.DateField, models.ForeignKey, models.FloatField)


def _value_getter(field):
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.pre_save(obj, add=True)
    if isinstance(field, models.JSONField):
        return lambda obj: None if (v := getattr(obj, attname)) is None else json.dumps(v, ensure_ascii=False)
    if isinstance(field, models.FileField):
        return lambda obj: field.get_prep_value(getattr(obj, attname))
    if isinstance(field, _PLAIN) and not isinstance(field, models.FileField):
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.get_db_prep_save(getattr(obj, attname), connection)


def insert(model, objs: list) -> list:
    """Insert new instances and set their primary keys, like `bulk_create` without conflicts."""
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objs, batch_size=2000)
    meta = model._meta
    pk = meta.pk
    fields = [f for f in meta.concrete_fields if f is not pk]
    getters = [_value_getter(f) for f in fields]
    table = meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [table, pk.column, len(objs)])
        ids = [row[0] for row in cursor.fetchall()]
        columns = ", ".join(connection.ops.quote_name(c) for c in [pk.column, *(f.column for f in fields)])
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
            for new_id, obj in zip(ids, objs, strict=True):
                obj.pk = new_id
                obj._state.adding, obj._state.db = False, connection.alias
                copy.write_row([new_id, *(get(obj) for get in getters)])
    return objs
