"""How pages show a refusal: in full, always — why, who must act, what to do next.

Every page handler is wrapped in `explains_refusals` (a test walks the URL patterns to check):
a refusal the handler lets through becomes "not found" when the thing is out of the user's
scope (status 404, so nobody learns it exists) and otherwise the refusal page, with its status.
A handler that stays on its own page after a refusal (a form shown again, a redirect back)
calls `show_refusal`, which puts the whole refusal on the next page the user sees.

A page never copies the 404 decision or picks only the message: both live here.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render

from twinhub.core.errors import ApplicationError, Refusal

REFUSAL_TAG = "refusal"
NOT_FOUND_STATUS = 404


def _refusal(error: ApplicationError | Refusal) -> Refusal:
    refusal = error.refusal if isinstance(error, ApplicationError) else error
    if refusal.status == NOT_FOUND_STATUS:
        raise Http404(refusal.code)
    return refusal


def explains_refusals(view):
    """The page decorator: out of scope answers 404; any other refusal is the refusal page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApplicationError as error:
            refusal = _refusal(error)
            return render(request, "core/refused.html", {"refusal": refusal}, status=refusal.status)

    wrapper.explains_refusals = True
    return wrapper


def show_refusal(request, error: ApplicationError | Refusal) -> Refusal:
    """Keep the refusal, in full, for the page shown next (this response or the one after a
    redirect); answer 404 for out-of-scope refusals. Returns the refusal (its status is the
    response's)."""
    refusal = _refusal(error)
    messages.error(request, json.dumps(refusal.as_dict()), extra_tags=REFUSAL_TAG)
    return refusal


def refusal_from_message(message) -> dict | None:
    """The refusal a message carries (see `show_refusal`), for `core/refusal.html`."""
    if REFUSAL_TAG not in (message.extra_tags or "").split():
        return None
    try:
        data = json.loads(message.message)
    except (TypeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


MAX_PAGE_NUMBER = 500  # list pages stop here: deeper pages are reached by narrowing the filters


def page_number(request, *, param: str = "page") -> int:
    """The list page asked for in the query string: 1 when absent or not a number, never past the last
    page a list offers."""
    try:
        number = int(request.GET.get(param, 1))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE_NUMBER)


@dataclass
class Attempt:
    """The outcome of one service call made for a page (see `attempt`)."""

    result: object = None
    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None

    @property
    def status(self) -> int:
        """The status of the page shown again after a refusal (200 when it succeeded)."""
        return 200 if self.refusal is None else self.refusal.status


def attempt(request, call: Callable[[], object], *, done: str = "") -> Attempt:
    """Make one service call for a form or a button: its result, with `done` shown as a success
    message; or, refused, the refusal shown in full on the next page (`show_refusal`) and kept
    for the status of a form shown again. Only refusals are caught: anything else is a bug."""
    try:
        result = call()
    except ApplicationError as error:
        return Attempt(refusal=show_refusal(request, error))
    if done:
        messages.success(request, done)
    return Attempt(result=result)
