"""Small query helpers shared by the apps' selectors."""

from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast


def list_contains(qs: QuerySet, field: str, value: str) -> QuerySet:
    """Rows whose JSON list `field` holds the code `value` (all rows when `value` is empty): the
    containment operator on PostgreSQL (indexable), the quoted code in the list's text elsewhere."""
    if not value:
        return qs
    if connection.vendor == "postgresql":
        return qs.filter(**{f"{field}__contains": [value]})
    return qs.alias(**{f"{field}_text": Cast(field, TextField())}).filter(**{f"{field}_text__contains": f'"{value}"'})
