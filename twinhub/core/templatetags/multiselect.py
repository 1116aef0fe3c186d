"""`{% checkbox_filter name=… label=… choices=… selected=… %}`: the multi-select component for a
form written by hand (core.widgets.CheckboxFilter does the same for a Django form field)."""

from django import template

from twinhub.core.widgets import checkbox_filter_context

register = template.Library()


@register.inclusion_tag("components/checkbox_filter.html")
def checkbox_filter(*, name: str, label: str, choices, selected=(), fid: str = ""):
    """`selected`: the chosen values, or the submitted form data (a QueryDict) to show them again."""
    if hasattr(selected, "getlist"):
        selected = selected.getlist(name)
    return checkbox_filter_context(name=name, fid=fid or name, label=label, choices=choices, selected=selected)
