"""Hot read queries compiled once per process, then run with new values (decision 54).

Django spends far more CPU building and compiling a queryset than the database spends running it:
the query behind each TwinSpace link (the viewer's roles and unread threads, two subqueries) took
1.6 ms of CPU to build and compile and 0.1 ms to run, on every project page and home page. A
`PreparedQuery` builds its queryset once per database alias with marker values in place of its
parameters, keeps the SQL and the compiler (whose converters turn the columns into Python values as
a queryset would), and afterwards only puts the values in and runs the SQL.

    _ROLES = PreparedQuery(lambda user_id: ProjectMember.objects.filter(user_id=user_id)
                           .values_list("project_id", "role"), user_id=int)
    _ROLES.rows(user_id=user.pk)            # [(project id, role), ...], as list(queryset) gives
    _MINE = PreparedQuery(lambda user_id: Membership.objects.filter(user_id=user_id)
                          .select_related("school"), user_id=int)
    _MINE.objects(user_id=user.pk)          # model instances, as list(queryset) gives

Rules for the queryset: its SQL depends on nothing but its parameters (no clock, no setting read
while building); parameters are ints or strs, used as they are (an int compared, a str compared or
inside another string, such as f"u{user_id}"). A value that does not reach the SQL's parameters,
reaches its text or is changed by Django fails at preparation: such a query cannot be prepared.
A value of another kind, or an int its column cannot hold, runs the queryset as it is.
"""

import copy
from collections.abc import Callable

from django.db import connections, router
from django.db.models import QuerySet

# Two sets of markers, each within the range of every integer field (Django makes a lookup of an
# out-of-range value an empty query). A str marker holds a character no input holds, and the ones a
# lookup would change (LIKE's escapes, case): a value Django changes is not found, and refused.
_INT_MARKERS = (30_011, 30_511)
_STR_MARKER = "\x1e{}:{}:Aa%_\\\x1e"


class PreparationError(Exception):
    """The queryset cannot be prepared: one of its parameters does not reach the SQL as a value."""


class PreparedQuery:
    def __init__(self, build: Callable[..., QuerySet], **kinds: type) -> None:
        if any(kind not in (int, str) for kind in kinds.values()):
            raise TypeError("parameters are int or str")
        self._build, self._kinds = build, kinds
        self._model = None
        self._compiled: dict[str, tuple] = {}

    def rows(self, **values) -> list[tuple]:
        """The rows of a values_list() queryset, as tuples."""
        ready = self._ready(values)
        if ready is None:
            return list(self._build(**values))
        alias, sql, params, compiler, _template = ready
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        if compiler.has_extra_select:  # columns the ordering needed, not asked for
            found = [row[: compiler.col_count] for row in found]
        return list(compiler.results_iter(results=[found], tuple_expected=True))

    def objects(self, **values) -> list:
        """The model instances of a queryset, made by Django as iterating it would (select_related,
        annotations; its prefetch_related lookups run as usual, each its own query)."""
        ready = self._ready(values)
        if ready is None:
            return list(self._build(**values))
        alias, sql, params, compiler, template = ready
        replay = copy.copy(compiler)  # this call's parameters, this thread's connection
        replay.connection = connections[alias]
        replay.as_sql = lambda *args, **kwargs: (sql, params)
        queryset = template._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: replay
        return list(queryset)

    def first(self, **values):
        """The first of `objects()`, or None."""
        found = self.objects(**values)
        return found[0] if found else None

    def _ready(self, values: dict) -> tuple | None:
        """(alias, SQL, parameters, compiler, queryset) for these values; None when the queryset must
        run as it is (values of another kind, an int beyond its column)."""
        if not self._usable(values):
            return None
        alias, (sql, slots, compiler, template, bits) = self._compiled_for(values)
        if _beyond_the_column(values, bits):
            return None
        return alias, sql, [slot(values) for slot in slots], compiler, template

    def _usable(self, values: dict) -> bool:
        """Values of the declared kinds. Another (a str id from a form, None) runs the queryset as
        it is: the ORM converts it, or refuses it, as it always did."""
        if values.keys() != self._kinds.keys():
            raise TypeError(f"expected the parameters {sorted(self._kinds)}, got {sorted(values)}")
        return all(type(value) is self._kinds[name] for name, value in values.items())

    def _compiled_for(self, values: dict) -> tuple[str, tuple]:
        if self._model is None:
            self._model = self._build(**self._markers(0)).model
        alias = router.db_for_read(self._model)
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compiled[alias] = self._prepare(alias)
        return alias, compiled

    def _markers(self, which: int) -> dict[str, int | str]:
        return {name: (_INT_MARKERS[which] + i if kind is int else _STR_MARKER.format(which, name))
                for i, (name, kind) in enumerate(self._kinds.items())}

    def _prepare(self, alias: str) -> tuple:
        """Compiles the queryset twice, with each set of markers: a parameter of the SQL that differs
        between the two comes from the values, one that does not is a constant of the query."""
        compiled = []
        for which in (0, 1):
            queryset = self._build(**self._markers(which)).using(alias)
            compiler = queryset.query.get_compiler(using=alias)
            compiled.append((*compiler.as_sql(), compiler, queryset))
        (sql, params, compiler, template), (other_sql, other_params, _compiler, _queryset) = compiled
        if sql != other_sql or len(params) != len(other_params):
            raise PreparationError(f"the SQL depends on the values: {sql}")
        first, second = self._markers(0), self._markers(1)
        slots, reached, bits = [], set(), {}
        for param, other in zip(params, other_params, strict=True):
            if param == other:
                slots.append(lambda values, param=param: param)
                continue
            name = next((n for n in first if _is_int(param) and param == first[n] and other == second[n]), None)
            if name is not None:
                # As the backend passed it: psycopg's Int4, for one, tells PostgreSQL the column's type.
                kind = type(param)
                slots.append(lambda values, name=name, kind=kind: kind(values[name]))
                reached.add(name)
                bits[name] = min(bits.get(name, 64), _BITS.get(kind.__name__, 64))
                continue
            if not isinstance(param, str):
                raise PreparationError(f"a parameter of the SQL is made from the values: {param!r}")
            names = [n for n in first if str(first[n]) in param]
            if not names or _fill(param, first, second, names) != other:
                raise PreparationError(f"a parameter of the SQL is made from the values: {param!r}")
            slots.append(lambda values, template=param, names=names: _fill(template, first, values, names))
            reached.update(names)
        missing = set(self._kinds) - reached
        if missing:
            raise PreparationError(f"{sorted(missing)} do not reach the SQL as parameters: {sql}")
        return sql, slots, compiler, template, bits


# Integer parameters the backend passes with their column's size (psycopg's Int2, Int4).
_BITS = {"Int2": 16, "Int4": 32}


def _beyond_the_column(values: dict, bits: dict[str, int]) -> bool:
    """An int its column cannot hold (an id typed into an address): the ORM knows such a query finds
    nothing, where the database would refuse the value; the queryset is then run as it is."""
    return any(type(value) is int and not -(2 ** (bits.get(name, 64) - 1)) <= value < 2 ** (bits.get(name, 64) - 1)
               for name, value in values.items())


def _is_int(param) -> bool:
    return isinstance(param, int) and not isinstance(param, bool)


def _fill(template: str, markers: dict, values: dict, names) -> str:
    """The string parameter `template` (written with `markers`) with the values in their place."""
    for name in names:
        template = template.replace(str(markers[name]), str(values[name]))
    return template
