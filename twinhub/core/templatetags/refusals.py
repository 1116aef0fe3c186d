"""`{% load refusals %}`: a refusal kept in a message (`core.pages.show_refusal`) shown in full."""

from django import template

from twinhub.core.pages import refusal_from_message

register = template.Library()


@register.filter
def message_refusal(message) -> dict | None:
    return refusal_from_message(message)
