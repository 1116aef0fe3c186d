"""`core.pages`: the one way a page turns a refusal into a response."""

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from twinhub.core.errors import ApplicationError, Refusal
from twinhub.core.pages import explains_refusals, refusal_from_message, show_refusal

REFUSAL = Refusal(code="closed", message="It is closed.", who_must_act="the owner", next_step="Ask the owner.",
                  status=409)


def _request():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.user = AnonymousUser()
    return request


def test_the_decorator_renders_the_refusal_with_its_status_and_explanation():
    @explains_refusals
    def view(request):
        raise ApplicationError(REFUSAL)

    response = view(_request())
    html = response.content.decode()
    assert response.status_code == 409
    assert 'data-code="closed"' in html and "the owner" in html and "Ask the owner." in html
    assert view.explains_refusals is True


def test_the_decorator_answers_404_for_out_of_scope_and_leaves_other_answers_alone():
    @explains_refusals
    def hidden(request):
        raise ApplicationError(Refusal(code="not_found", message="Not found.", status=404))

    @explains_refusals
    def fine(request):
        return HttpResponse("ok")

    with pytest.raises(Http404):
        hidden(_request())
    assert fine(_request()).content == b"ok"


def test_show_refusal_keeps_every_part_for_the_next_page():
    request = _request()
    assert show_refusal(request, ApplicationError(REFUSAL)) is REFUSAL
    [message] = list(get_messages(request))
    assert refusal_from_message(message) == REFUSAL.as_dict()


def test_show_refusal_of_something_out_of_scope_is_not_found():
    with pytest.raises(Http404):
        show_refusal(_request(), Refusal(code="not_found", message="Not found.", status=404))


def test_an_ordinary_message_carries_no_refusal():
    request = _request()
    messages.success(request, "Saved.")
    [message] = list(get_messages(request))
    assert refusal_from_message(message) is None
