"""Who may read and act on support requests and knowledge-base articles."""

import re
from collections.abc import Collection

from django.utils.translation import gettext as _

from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.helpcentre.codes import HelpCode

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 5000
ARTICLE_TITLE_MAX_LENGTH = 200
SLUG_MAX_LENGTH = 80
TOPIC_MAX_LENGTH = 40
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _you(message) -> Refusal:
    return Refusal(code=Code.INVALID, status=400, message=message, who_must_act=_("you"))


def support_request_values_refusal(*, country_known: bool, subject: str, body: str) -> Refusal | None:
    if not country_known:
        return _you(_("Choose your country: its National Support Service will answer."))
    if not subject.strip() or not body.strip():
        return _you(_("Write a subject and your question."))
    if len(subject.strip()) > SUBJECT_MAX_LENGTH or len(body.strip()) > BODY_MAX_LENGTH:
        return _you(_("The subject has at most %(subject)s characters and the question at most %(body)s.")
                    % {"subject": SUBJECT_MAX_LENGTH, "body": BODY_MAX_LENGTH})
    return None


def support_reply_refusal(*, status: str, body: str) -> Refusal | None:
    if not body.strip():
        return _you(_("Write a message first."))
    if len(body.strip()) > BODY_MAX_LENGTH:
        return _you(_("A message has at most %(max)s characters.") % {"max": BODY_MAX_LENGTH})
    return None


def support_status_refusal(*, status: str, statuses: Collection[str], is_staff: bool,
                           requester_statuses: Collection[str]) -> Refusal | None:
    """Staff set any status; the requester only closes (resolves) or reopens their own request."""
    if status not in statuses:
        return _you(_("Unknown status."))
    if not is_staff and status not in requester_statuses:
        return Refusal(code=Code.FORBIDDEN, status=403, message=_("You can close or reopen your request only."),
                       who_must_act=_("the National Support Service"))
    return None


def article_exists_refusal() -> Refusal:
    return Refusal(code=HelpCode.ARTICLE_EXISTS, status=409,
                   message=_("An article with this address already exists in this language and country."),
                   who_must_act=_("you"), next_step=_("Edit that article, or choose another address (slug)."))


def support_staff_refusal(*, answers_country: bool) -> Refusal | None:
    """Assigning a request is for the support staff who answer its country."""
    if answers_country:
        return None
    return Refusal(code=Code.FORBIDDEN, status=403,
                   message=_("Only the National Support Service of the request's country assigns it."),
                   who_must_act=_("the National Support Service"))


def article_values_refusal(*, slug: str, language: str, site_languages: Collection[str], country: str,
                           countries: Collection[str], title: str, topic: str, body: str) -> Refusal | None:
    """An article's values; its country is one of the platform's, or "" (every country)."""
    if not SLUG.fullmatch(slug) or len(slug) > SLUG_MAX_LENGTH:
        return _you(_("The address (slug) is made of letters, digits, hyphens and underscores, at most %(max)s.")
                    % {"max": SLUG_MAX_LENGTH})
    if language not in site_languages:
        return _you(_("Unknown language."))
    if country and country not in countries:
        return _you(_("Unknown country."))
    if not title.strip() or len(title.strip()) > ARTICLE_TITLE_MAX_LENGTH or not body.strip():
        return _you(_("Give the article a title (at most %(max)s characters) and a text.")
                    % {"max": ARTICLE_TITLE_MAX_LENGTH})
    if len(topic) > TOPIC_MAX_LENGTH:
        return _you(_("A topic has at most %(max)s characters.") % {"max": TOPIC_MAX_LENGTH})
    return None


def support_assignee_refusal(*, assignee_is_staff_of_country: bool) -> Refusal | None:
    if assignee_is_staff_of_country:
        return None
    return Refusal(code=Code.INVALID, status=400,
                   message=_("Requests can be assigned only to NSS staff of the request's country."))


def article_edit_refusal(*, broad: bool, nss_countries: set[str], country: str) -> Refusal | None:
    """NSS staff edit their own country's articles; articles for every country are CSS's."""
    if broad or (country and country in nss_countries):
        return None
    if not country:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Articles for every country are edited by the Central Support Service."),
                       who_must_act=_("the Central Support Service"))
    return Refusal(code=Code.FORBIDDEN, status=403, message=_("You can edit your own country's articles only."))
