"""Interactions without a full reload (HTMX), as progressive enhancement (decision 36).

A form or filter works without JavaScript: it posts or gets the page, which redirects or renders in
full. With HTMX the same view answers only the fragment the form replaces (`render_page`), with the
messages (a success line or the refusal box) swapped into the page's message area out of band.
A fragment is never what HTMX gets on a history restore or a boosted link: those want the page.
"""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_fragment(request) -> bool:
    headers = request.headers
    return (headers.get("HX-Request") == "true" and headers.get("HX-Boosted") != "true"
            and headers.get("HX-History-Restore-Request") != "true")


def render_page(request, template: str, context: dict | None = None, *, fragment: str, status: int = 200):
    """The whole page, or for HTMX only `fragment` (a template the page itself includes, which
    starts with `{% if oob %}{% include "components/messages.html" %}{% endif %}`)."""
    if not wants_fragment(request):
        response = render(request, template, context, status=status)
    else:
        response = render(request, fragment, {**(context or {}), "oob": True}, status=status)
    patch_vary_headers(response, ("HX-Request",))  # a cache never answers a page with its fragment
    return response


class WholePageErrorsMiddleware:
    """An HTMX request answered by an error page without the element HTMX targets (a refusal page,
    404, 403, 500) replaces the page's body, as the same answer would without JavaScript, instead
    of landing inside a fragment. An answer holding the target (a fragment with its refusal box, a
    page that HTMX selects from) is swapped as asked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code >= 400 and wants_fragment(request) and not response.streaming
                and "text/html" in response.get("Content-Type", "")
                and not _holds_target(response, request.headers.get("HX-Target", ""))):
            response["HX-Retarget"] = "body"
            response["HX-Reswap"] = "innerHTML"
            response["HX-Reselect"] = "body"
        return response


def _holds_target(response, target: str) -> bool:
    return bool(target) and f'id="{target}"'.encode() in response.content
