from django import template

from twinhub.twinspace.notifications import activity_text

register = template.Library()


@register.simple_tag
def activity_line(params: dict) -> str:
    return activity_text(params.get("kind", ""), params)


@register.simple_tag
def activity_entry(entry) -> str:
    return activity_text(entry.kind, {"actor": entry.actor_name, **entry.params})
