"""Form widgets of the components (docs/COMPONENTS.md).

Multi-select: a checkbox group with a filter, never a `<select multiple>` (which needs Ctrl-click and
hides what is chosen). `checkbox_filters(form)` turns every multiple-choice field of a form into it."""

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from twinhub.core.collation import sorted_by_locale


def checkbox_filter_context(*, name: str, fid: str, label: str, choices, selected) -> dict:
    if isinstance(selected, str):
        selected = [selected]
    chosen_values = {str(v) for v in (selected or [])}
    options = [(str(value), str(text), str(value) in chosen_values) for value, text in choices]
    if not any(text[:1].isdigit() for _value, text, _checked in options):  # names, not ranges (0–3, 4–6…)
        options = sorted_by_locale(options, key=lambda option: option[1])
    return {"name": name, "fid": fid, "label": label, "options": options,
            "chosen": [(value, text) for value, text, checked in options if checked]}


class CheckboxFilter(forms.CheckboxSelectMultiple):
    """Renders components/checkbox_filter.html; the label is the group's legend."""

    def __init__(self, *args, label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.label = label

    def render(self, name, value, attrs=None, renderer=None):
        fid = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        return mark_safe(render_to_string("components/checkbox_filter.html", checkbox_filter_context(
            name=name, fid=fid, label=self.label, choices=self.choices, selected=values)))

    def id_for_label(self, id_, index=None):
        return ""  # the legend names the group; each checkbox has its own label


def checkbox_filters(form: forms.BaseForm) -> None:
    """Every multiple-choice field of `form` as a checkbox group with a filter. Its label becomes the
    group's legend, so the form does not print it a second time."""
    for field in form.fields.values():
        if isinstance(field, forms.MultipleChoiceField) and not isinstance(field.widget, forms.CheckboxSelectMultiple):
            field.widget = CheckboxFilter(label=field.label, choices=field.choices)
            field.label = ""
