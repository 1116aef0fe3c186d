"""How each kind of notification reads. Each app names its kinds once (a `…Notice` StrEnum in its
`codes.py`) and registers a renderer per kind in its own `notifications.py`:

    @notification_kind(ProjectNotice.INVITED)
    def _invited(params): return _("…") % params

`CoreConfig.ready` imports every app's `notifications.py`, the one registration style. A stored
notification keeps only its kind and parameters and is worded when shown, in the reader's language."""

from collections.abc import Callable

from django.utils.translation import gettext

_RENDERERS: dict[str, Callable[[dict], str]] = {}


def notification_kind(kind: str):
    def register(func):
        if _RENDERERS.get(kind, func) is not func:
            raise ValueError(f"notification kind {kind!r} is registered twice")
        _RENDERERS[str(kind)] = func
        return func

    return register


def registered_kinds() -> set[str]:
    return set(_RENDERERS)


def render(kind: str, params: dict) -> str:
    renderer = _RENDERERS.get(kind)
    if renderer is None:
        return gettext("You have a new notification.")
    return renderer(params)
