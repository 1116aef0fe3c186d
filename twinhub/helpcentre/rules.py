"""Who may read and act on support requests and knowledge-base articles."""

from django.utils.translation import gettext as _

from twinhub.core.errors import Refusal
from twinhub.staff.roles import ADMIN, CSS, NSS


def support_staff_covers(*, role_kinds_by_country: dict[str, set[str]], broad: bool, country: str) -> bool:
    """NSS staff answer their own country's requests; CSS staff and administrators any."""
    return broad or NSS in role_kinds_by_country.get(country, set())


def support_reply_refusal(*, status: str, body: str) -> Refusal | None:
    if not body.strip():
        return Refusal(code="invalid", status=400, message=_("Write a message first."))
    return None


def support_assignee_refusal(*, assignee_is_staff_of_country: bool) -> Refusal | None:
    if assignee_is_staff_of_country:
        return None
    return Refusal(code="invalid", status=400,
                   message=_("Requests can be assigned only to NSS staff of the request's country."))


def article_edit_refusal(*, broad: bool, nss_countries: set[str], country: str) -> Refusal | None:
    """NSS staff edit their own country's articles; articles for every country are CSS's."""
    if broad or (country and country in nss_countries):
        return None
    if not country:
        return Refusal(code="forbidden", status=403,
                       message=_("Articles for every country are edited by the Central Support Service."),
                       who_must_act=_("the Central Support Service"))
    return Refusal(code="forbidden", status=403, message=_("You can edit your own country's articles only."))


def is_broad(kinds: set[str], is_superuser: bool) -> bool:
    return is_superuser or bool(kinds & {CSS, ADMIN})
