"""How pages show a refusal: in full, always — why, who must act, what to do next.

Every page handler is wrapped in `explains_refusals` (a test walks the URL patterns to check):
a refusal the handler lets through becomes "not found" when the thing is out of the user's
scope (status 404, so nobody learns it exists) and otherwise the refusal page, with its status.
A handler that stays on its own page after a refusal (a form shown again, a redirect back)
calls `show_refusal`, which puts the whole refusal on the next page the user sees.

A page never copies the 404 decision or picks only the message: both live here.
"""

import json
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
