"""Fast inserts for the import. On PostgreSQL: ids taken from the table's sequence in one query,
then every row streamed with COPY straight into the table (no per-row SQL, no Django compiler);
on other databases (SQLite in the tests): `bulk_create`. Either way the rows are written inside
the caller's transaction, so a batch and its checkpoint still commit together."""

import json
from operator import attrgetter

from django.db import connection, models
from django.db.models.base import ModelState
from django.utils import timezone
from psycopg.types.json import set_json_dumps

try:
    from orjson import dumps as _orjson_dumps

    def _json_text(value) -> str:
        return _orjson_dumps(value).decode()
except ImportError:  # pragma: no cover
    def _json_text(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    _orjson_dumps = _json_text

_PLANS: dict = {}


def _plan(model):
    plan = _PLANS.get(model)
    if plan is None:
        constant, per_row = {}, []
        for f in model._meta.concrete_fields:
            if f.primary_key:
                constant[f.attname] = None
            elif f.has_default() and callable(f.default):
                per_row.append((f.attname, f.default))
            else:
                constant[f.attname] = f.get_default()
        attnames = frozenset(f.attname for f in model._meta.concrete_fields)
        plan = _PLANS[model] = (constant, tuple(per_row), attnames)
    return plan


def build(model, **values):
    """An unsaved instance, like `model(**values)` but without `Model.__init__`'s per-field work
    and signals (the import builds millions). `values` are by attname (`school_id`, not `school`);
    other fields get their defaults."""
    constant, per_row, attnames = _plan(model)
    if not attnames.issuperset(values):
        raise TypeError(f"{model.__name__}: not a concrete field attname: {set(values) - attnames}")
    obj = model.__new__(model)
    state = dict(constant)
    for attname, default in per_row:
        if attname not in values:
            state[attname] = default()
    state.update(values)
    state["_state"] = ModelState()
    obj.__dict__.update(state)
    return obj

# Field types whose Python value psycopg can COPY as is.
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.DateTimeField,
          models.DateField, models.ForeignKey, models.FloatField)


def _special_getter(field):
    """How to read a field whose attribute is not what COPY takes; None when it is."""
    attname = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.pre_save(obj, add=True)
    if isinstance(field, models.JSONField):
        return lambda obj: None if (v := getattr(obj, attname)) is None else _json_text(v)
    if isinstance(field, models.FileField):
        return lambda obj: field.get_prep_value(getattr(obj, attname))
    if isinstance(field, _PLAIN):
        return None
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
    # One C call reads the plain attributes of a row; the few others are patched in.
    plain = attrgetter(*(f.attname for f in fields)) if len(fields) > 1 else (lambda obj: (getattr(obj, fields[0].attname),))
    special = [(i + 1, get) for i, f in enumerate(fields) if (get := _special_getter(f)) is not None]
    table = meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [table, pk.column, len(objs)])
        ids = [row[0] for row in cursor.fetchall()]
        columns = ", ".join(connection.ops.quote_name(c) for c in [pk.column, *(f.column for f in fields)])
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
            alias = connection.alias
            for new_id, obj in zip(ids, objs, strict=True):
                obj.pk = new_id
                obj._state.adding, obj._state.db = False, alias
                row = [new_id, *plain(obj)]
                for i, get in special:
                    row[i] = get(obj)
                copy.write_row(row)
    return objs


def insert_rows(model, attnames: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows given as tuples of these attnames (other fields get their defaults; given dates
    are kept, as `keep_given_dates` does), when nothing needs the instances afterwards: no model
    instance per row, which is most of the cost of `build` + `insert` for the import's biggest
    tables. On PostgreSQL the database numbers the rows (the id column's default)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        insert(model, [build(model, **dict(zip(attnames, row, strict=True))) for row in rows])
        return
    _copy_rows(model, attnames, rows, None)


def insert_numbered(model, attnames: tuple[str, ...], rows: list[tuple]) -> list[int]:
    """`insert_rows` for rows whose ids the caller needs: the ids, in the order of the rows. On
    PostgreSQL they are taken from the table's sequence in one query, in that order, as `insert`
    takes them, then streamed with the rows: no model instance, no per-field getter per row."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objs = insert(model, [build(model, **dict(zip(attnames, row, strict=True))) for row in rows])
        return [obj.pk for obj in objs]
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [model._meta.db_table, pk.column, len(rows)])
        ids = [row[0] for row in cursor.fetchall()]
    _copy_rows(model, attnames, rows, ids)
    return ids


def _copy_rows(model, attnames: tuple[str, ...], rows: list[tuple], ids: list[int] | None) -> None:
    meta = model._meta
    fields = {f.attname: f for f in meta.concrete_fields}
    given = [fields[name] for name in attnames]
    convert = [(i, f) for i, f in enumerate(given) if not isinstance(f, _PLAIN) or isinstance(f, models.JSONField)]
    constant, per_row, _names = _plan(model)
    defaults = [(f, constant[f.attname]) for f in meta.concrete_fields
                if f.attname not in attnames and not f.primary_key and f.attname not in dict(per_row)
                and not (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))]
    now_fields = [f for f in meta.concrete_fields if f.attname not in attnames
                  and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))]
    made = [(fields[name], default) for name, default in per_row if name not in attnames]
    fixed = tuple(None if v is None else (_json_text(v) if isinstance(f, models.JSONField)
                                          else f.get_db_prep_save(v, connection)) for f, v in defaults)
    columns = [f.column for f in given] + [f.column for f, _v in defaults] + [f.column for f in now_fields] \
        + [f.column for f, _d in made]
    if ids is not None:
        columns.insert(0, meta.pk.column)
    now = tuple(timezone.now() for _f in now_fields)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    types = _binary_types(model, columns)
    if types is not None:  # JSON goes as Python values: the binary dumper writes them
        convert = [(i, f) for i, f in convert if not isinstance(f, models.JSONField)]
        fixed = tuple(v if isinstance(f, models.JSONField) else x
                      for (f, v), x in zip(defaults, fixed, strict=True))
    binary = " (FORMAT BINARY)" if types is not None else ""
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(meta.db_table)} ({quoted}) FROM STDIN{binary}") as copy:
        if types is not None:
            set_json_dumps(_orjson_dumps, cursor.cursor)
            copy.set_types(types)
        tail = (*fixed, *now)
        for n, row in enumerate(rows):
            if convert:
                row = list(row)
                for i, f in convert:
                    row[i] = None if row[i] is None else (_json_text(row[i]) if isinstance(f, models.JSONField)
                                                          else f.get_db_prep_save(row[i], connection))
            if ids is not None:
                row = (ids[n], *row)
            if made:
                copy.write_row((*row, *tail, *(default() for _f, default in made)))
            else:
                copy.write_row((*row, *tail))


# PostgreSQL types of the import's columns and the type each one is sent as in a binary COPY (the
# binary form of text is that of varchar(n); sizes of integers must match exactly).
_BINARY = {"bigint": "int8", "integer": "int4", "smallint": "int2", "boolean": "bool", "date": "date",
           "timestamp with time zone": "timestamptz", "text": "text", "jsonb": "jsonb",
           "double precision": "float8"}
_TYPES: dict = {}


def _binary_types(model, columns: list[str]) -> list[str] | None:
    """The types to COPY these columns in binary form (no text to format here nor to parse in the
    server, timestamps above all), or None for text when a column's type is not in _BINARY."""
    key = (model, tuple(columns))
    if key not in _TYPES:
        by_column = {f.column: f for f in model._meta.concrete_fields}
        types = []
        for column in columns:
            db_type = by_column[column].db_type(connection) or ""
            db_type = "text" if db_type.startswith("varchar(") else db_type
            types.append(_BINARY.get(db_type))
        _TYPES[key] = None if None in types else types
    return _TYPES[key]


@models.Field.register_lookup
class LegacyIn(models.Lookup):
    """`field__legacy_in=values`: like `__in`, but on PostgreSQL one array parameter
    (`= ANY(%s)`) instead of one placeholder per value, so a batch's lookup of thousands of old
    ids costs the database's time only (the import runs thousands of them)."""

    lookup_name = "legacy_in"
    prepare_rhs = False

    def get_prep_lookup(self):
        return list(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = self.rhs
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        if not values:
            return "1 = 0", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


models.ForeignObject.register_lookup(LegacyIn)  # foreign keys keep their own lookups
