"""Reads for the help centre: articles, support requests (permission-checked), staff scope."""

from django.db.models import Q, QuerySet

from twinhub.core.errors import not_found
from twinhub.helpcentre.models import Article, SupportRequest
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach


def is_support_staff(user) -> bool:
    return bool(staff_reach(user, Capability.ANSWER_SUPPORT))


def can_answer(user, request: SupportRequest) -> bool:
    return staff_reach(user, Capability.ANSWER_SUPPORT).covers(request.country)


def support_request_for_user(user, request_id: int) -> SupportRequest:
    """The requester's own request, or one in the staff member's scope; otherwise not found."""
    request = SupportRequest.objects.select_related("user", "assigned_to").filter(pk=request_id).first()
    if request is None or not (request.user_id == user.pk or can_answer(user, request)):
        raise not_found()
    return request


def support_queue(user, *, status: str = "", assigned: str = "", country: str = "") -> QuerySet[SupportRequest]:
    reach = staff_reach(user, Capability.ANSWER_SUPPORT)
    qs = SupportRequest.objects.select_related("user", "assigned_to")
    if not reach.everywhere:
        qs = qs.filter(country__in=reach.countries)
    if country:
        qs = qs.filter(country=country)
    if status:
        qs = qs.filter(status=status)
    if assigned == "me":
        qs = qs.filter(assigned_to=user)
    elif assigned == "nobody":
        qs = qs.filter(assigned_to__isnull=True)
    return qs.order_by("created_at", "id")


def own_support_requests(user) -> QuerySet[SupportRequest]:
    return SupportRequest.objects.filter(user=user).order_by("-created_at")


def articles_for(*, language: str, country: str = "", q: str = "") -> list[Article]:
    """Articles in this language for everyone or this country; a country's own version of an
    article (same slug) replaces the general one."""
    qs = Article.objects.filter(language=language).filter(Q(country="") | Q(country=country))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(body__icontains=q))
    chosen: dict[str, Article] = {}
    for article in qs.order_by("slug", "country"):
        if article.slug not in chosen or article.country:
            chosen[article.slug] = article
    return sorted(chosen.values(), key=lambda a: a.title.lower())


def article_get(*, slug: str, language: str, country: str = "") -> Article:
    found = {a.country: a for a in Article.objects.filter(slug=slug, language=language,
                                                         country__in=["", country])}
    article = found.get(country) or found.get("")
    if article is None:
        raise not_found()
    return article


def articles_by_topic(*, language: str, country: str = "") -> dict[str, Article]:
    return {a.topic: a for a in articles_for(language=language, country=country) if a.topic}
