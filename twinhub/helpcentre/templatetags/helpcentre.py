from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def diagnosis(context, stored):
    """A support request's attached diagnosis in the reader's language."""
    from django.utils.translation import get_language

    from twinhub.helpcentre.diagnostics import snapshot_in

    return snapshot_in(stored, get_language())
