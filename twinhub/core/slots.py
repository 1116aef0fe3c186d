"""Slots: a named place on a page of a lower app that an app above it fills in, so the page can show
what the higher app knows without importing it (layers: docs/ARCHITECTURE.md).

- The page's app names its slots as constants (e.g. `twinhub/projects/slots.py`) and shows them in
  its template: `{% load slots %}{% slot "project_notices" project %}`.
- The higher app fills a slot in its `AppConfig.ready()`:
  `slot_fill(PROJECT_NOTICES, template_name="legacy/_notices.html", values=project_notices)`, where
  `values(context, *args)` returns the partial's context, or None to show nothing. A slot shown on
  every row of a list may give `html=` instead of a template: a function making the partial's HTML
  from that context (a template per row was a good part of "My projects", decision 41).

A slot renders its partials as an inclusion tag would: in the page's context (no second run of the
context processors), in the order the apps were installed."""

from collections import defaultdict
from collections.abc import Callable

from django.template import Context
from django.utils.safestring import SafeString, mark_safe

SlotValues = Callable[..., dict | None]
SlotHtml = Callable[[dict], str]

_fillers: dict[str, list[tuple[str, SlotValues, SlotHtml | None]]] = defaultdict(list)


def slot_fill(slot: str, *, values: SlotValues, template_name: str = "", html: SlotHtml | None = None) -> None:
    """Show `template_name` (or what `html` makes) in `slot`, with the context `values(context, *args)`
    returns. `html` must escape what it shows, as a template would."""
    if bool(template_name) == (html is not None):
        raise ValueError("a slot is filled by a template or by an html function")
    entry = (template_name, values, html)
    if entry not in _fillers[slot]:  # ready() may run twice (e.g. in some test runners)
        _fillers[slot].append(entry)


def slot_render(slot: str, context: Context, *args) -> SafeString:
    parts = []
    for template_name, values, html in _fillers.get(slot, ()):
        found = values(context, *args)
        if found is None:
            continue
        if html is not None:
            parts.append(html(found))
            continue
        partial = context.new(found)
        if context.get("csrf_token") is not None:
            partial["csrf_token"] = context["csrf_token"]
        parts.append(context.template.engine.get_template(template_name).render(partial))
    return mark_safe("".join(parts))  # each part was rendered (and escaped) by its template or function
