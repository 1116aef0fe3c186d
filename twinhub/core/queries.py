"""Small query helpers shared by the apps' selectors."""

from django.db import connection
from django.db.models import Count, IntegerField, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce


def list_contains(qs: QuerySet, field: str, value: str) -> QuerySet:
    """Rows whose JSON list `field` holds the code `value` (all rows when `value` is empty): the
    containment operator on PostgreSQL (indexable), the quoted code in the list's text elsewhere."""
    if not value:
        return qs
    if connection.vendor == "postgresql":
        return qs.filter(**{f"{field}__contains": [value]})
    return qs.alias(**{f"{field}_text": Cast(field, TextField())}).filter(**{f"{field}_text__contains": f'"{value}"'})


def count_subquery(qs: QuerySet, outer: str) -> Coalesce:
    """The number of rows of `qs`, a queryset filtered on an OuterRef through the field `outer`, as
    a column of the outer query (0 when there are none): one query where .count() would be another."""
    counted = qs.order_by().values(outer).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted), Value(0), output_field=IntegerField())
