"""Every limited action answers 429 with Retry-After once its limit is reached: a translated page,
or the API's `{"code": "rate_limited", ...}` (issue 11, decision 19). One case per entry of
settings.RATE_LIMITS, plus API token use."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver, resolve

from twinhub.core.ratelimits import limited_names
from twinhub.testing import ApiClient, make_teacher

pytestmark = pytest.mark.django_db

# A URL of each limited name (ids are made up: the limit counts before the view looks at them).
URLS = {
    "account_login": "/accounts/login/",
    "account_signup": "/accounts/signup/",
    "account_reset_password": "/accounts/password/reset/",
    "account_email": "/accounts/email/",
    "api:me_emails_add": "/api/v1/me/emails",
    "legacy_claim": "/legacy/claim/",
    "twinspace_pupil_login": "/twinspace/pupils/login/",
    "contact_request_create": "/teachers/999999/request/",
    "api:contact_requests_create": "/api/v1/contact-requests",
    "mailbox_thread": "/mailbox/999999/",
    "api:mailbox_thread": "/api/v1/mailbox/999999",
    "support_new": "/support/",
    "api:support_create": "/api/v1/support-requests",
    "group_thread_new": "/groups/999999/threads/new/",
    "api:groups_threads": "/api/v1/groups/999999/threads",
    "group_thread": "/groups/999999/threads/999999/",
    "api:groups_thread_posts": "/api/v1/groups/999999/threads/999999",
    "partner_post_new": "/partners/new/",
    "api:partner_posts_list": "/api/v1/partner-posts",
    "partner_post": "/partners/999999/",
    "api:partner_posts_answer": "/api/v1/partner-posts/999999/answers",
    "partner_answer": "/partners/answers/999999/",
    "api:partner_answers_message": "/api/v1/partner-answers/999999/messages",
    "event_action?action=register": "/events/999999/do/register/",
    "api:registration_create": "/api/v1/events/999999/registration",
    "report": "/report/post/999999/",
    "api:reports_create": "/api/v1/reports",
}


def _names(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _names(pattern, namespace)
        elif pattern.name:
            yield prefix + pattern.name


def test_every_limited_name_is_a_url_and_has_a_case_here():
    assert set(settings.RATE_LIMITS) == set(URLS)
    assert {name.split("?")[0] for name in settings.RATE_LIMITS} <= set(_names(get_resolver()))
    assert {name: limited_names(resolve(url)) for name, url in URLS.items()} == {name: [name] for name in URLS}


@pytest.mark.parametrize("name", sorted(URLS))
def test_the_limit_answers_429_with_retry_after(name, settings):
    settings.RATE_LIMITS = {name: [(key, "2/h") for key, _rate in settings.RATE_LIMITS[name]]}
    teacher = make_teacher()
    api = ApiClient(teacher)
    client = Client()
    client.force_login(teacher)
    url = URLS[name]
    data = {"email": "someone@school.example", "login": "someone@school.example", "code": "x"}

    def post():
        if url.startswith("/api/"):
            return api.client.post(url, data, content_type="application/json", headers=api.headers)
        return client.post(url, data)

    assert [post().status_code != 429 for _ in range(2)] == [True, True]
    limited = post()
    assert limited.status_code == 429
    assert 0 < int(limited["Retry-After"]) <= 3600
    if url.startswith("/api/"):
        body = limited.json()
        assert body["code"] == "rate_limited" and body["retry_after"] == int(limited["Retry-After"])
        assert "Try again in" in body["message"]
    else:
        assert "Try again in" in limited.content.decode()


def test_a_limited_page_is_in_the_visitors_language(settings):
    settings.RATE_LIMITS = {"account_signup": [("ip", "1/h")]}
    client = Client(HTTP_ACCEPT_LANGUAGE="tr")
    client.post("/accounts/signup/", {})
    limited = client.post("/accounts/signup/", {})
    assert limited.status_code == 429 and "tekrar deneyin" in limited.content.decode()


def test_reading_a_form_is_not_counted(settings):
    settings.RATE_LIMITS = {"account_signup": [("ip", "1/h")]}
    client = Client()
    assert all(client.get("/accounts/signup/").status_code == 200 for _ in range(3))


def test_each_api_token_has_its_own_limit(settings):
    settings.API_TOKEN_RATE = "3/m"
    first, second = ApiClient(make_teacher()), ApiClient(make_teacher())
    assert all(first.get("/me").status_code == 200 for _ in range(3))
    limited = first.get("/me")
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
    assert second.get("/me").status_code == 200


def test_per_address_limit_on_password_reset_is_not_dodged_by_changing_client(settings):
    settings.RATE_LIMITS = {"account_reset_password": [("post:email", "2/h")]}
    statuses = [Client(REMOTE_ADDR=f"192.0.2.{n}").post("/accounts/password/reset/",
                                                      {"email": "Victim@School.example"}).status_code
                for n in range(3)]
    assert statuses[:2] != [429, 429] and statuses[2] == 429


def test_a_limit_on_one_action_leaves_the_urls_other_actions_alone(settings):
    settings.RATE_LIMITS = {"event_action?action=register": [("user", "1/h")]}
    client = Client()
    client.force_login(make_teacher())
    assert client.post("/events/999999/do/register/").status_code != 429
    assert client.post("/events/999999/do/register/").status_code == 429
    assert client.post("/events/999999/do/unregister/").status_code != 429


def test_a_limited_answer_to_a_partner_finding_post_changes_nothing(settings, people):
    from twinhub.testing import client_for, db_state
    from twinhub.testing.groups import make_partner_post

    settings.RATE_LIMITS = {"partner_post": [("user", "1/h")]}
    post = make_partner_post(people.teacher)
    client = client_for(people.teacher_it)
    assert client.post(f"/partners/{post.pk}/", {"body": "We are in!"}).status_code == 302
    before = db_state()
    limited = client.post(f"/partners/{post.pk}/", {"body": "We are in, again!"})
    assert limited.status_code == 429 and "Try again in" in limited.content.decode()
    assert db_state() == before
