"""`{% slot "name" args… %}`: what apps above this page put in its slot (twinhub.core.slots)."""

from django import template

from twinhub.core.slots import slot_render

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name: str, *args):
    return slot_render(name, context, *args)
