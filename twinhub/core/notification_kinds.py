"""How each kind of notification reads: apps register a renderer per kind
(`@notification_kind("...")`, through twinhub.core.notifications); a stored notification keeps only
its kind and parameters and is worded when shown, in the reader's language."""

from collections.abc import Callable

from django.utils.translation import gettext

_RENDERERS: dict[str, Callable[[dict], str]] = {}


def notification_kind(kind: str):
    def register(func):
        _RENDERERS[kind] = func
        return func

    return register


def render(kind: str, params: dict) -> str:
    renderer = _RENDERERS.get(kind)
    if renderer is None:
        return gettext("You have a new notification.")
    return renderer(params)
