"""Support requests, replies, statuses and articles: every value a form checks is checked again
by a rule the service calls (`helpcentre.rules`)."""

import pytest

from twinhub.core.errors import ApplicationError
from twinhub.helpcentre import services
from twinhub.helpcentre.models import Article, SupportRequest
from twinhub.testing import make_staff, make_teacher

pytestmark = pytest.mark.django_db


def _refused(call, **kwargs) -> str:
    with pytest.raises(ApplicationError) as refused:
        call(**kwargs)
    return refused.value.code


def test_support_request_values():
    teacher = make_teacher()
    assert _refused(services.support_request_create, user=teacher, subject="   ", body="Q", consent=False) == "invalid"
    assert _refused(services.support_request_create, user=teacher, subject="x" * 201, body="Q",
                    consent=False) == "invalid"
    assert not SupportRequest.objects.exists()


def test_reply_and_status_values():
    teacher = make_teacher()
    request = services.support_request_create(user=teacher, subject="Q", body="Q", consent=False)
    assert _refused(services.support_reply, actor=teacher, request_id=request.pk, body="x" * 5001) == "invalid"
    assert _refused(services.support_set_status, actor=teacher, request_id=request.pk, status="lost") == "invalid"
    assert _refused(services.support_set_status, actor=teacher, request_id=request.pk,
                    status="waiting_for_user") == "forbidden"
    request.refresh_from_db()
    assert request.status == "open" and not request.messages.exists()


@pytest.mark.parametrize("change", [{"slug": "not a slug!"}, {"language": "xx"}, {"title": " "},
                                    {"topic": "x" * 41}, {"body": ""}, {"country": "XX"}])
def test_article_values(change):
    css = make_staff("css")
    values = {"slug": "pending", "language": "en", "country": "", "title": "Pending?", "body": "Wait.",
              "topic": "", **change}
    assert _refused(services.article_save, actor=css, **values) == "invalid"
    assert not Article.objects.filter(title="Pending?").exists()
