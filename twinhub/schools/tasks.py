"""Schools' periodic work: validators hear each morning about memberships waiting too long."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone, translation

from twinhub.core.notifications import send_templated_email, user_language
from twinhub.core.once import first_time
from twinhub.core.tasks import crontab, periodic, task
from twinhub.geography.countries import country_name, region_name, regions_are_provinces
from twinhub.schools.models import Membership, MembershipStatus
from twinhub.staff.models import StaffRole
from twinhub.staff.roles import COORDINATOR, NSS

WAITING_TOO_LONG = timedelta(days=7)


def _waiting_places(cutoff) -> dict[tuple[str, str], dict]:
    rows = (Membership.objects.filter(status=MembershipStatus.PENDING, requested_at__lt=cutoff)
            .values("school__country", "school__region").annotate(count=Count("pk"), oldest=Min("requested_at"))
            .order_by())
    return {(r["school__country"], r["school__region"] if regions_are_provinces(r["school__country"]) else ""):
            {"count": r["count"], "oldest": r["oldest"]} for r in rows}


def _deciders(places) -> dict[int, tuple[StaffRole, list[tuple[str, str]]]]:
    """Who decides each place (rule 1): its province's coordinators in Türkiye, else (or when the
    province has none) the country's NSS. Each person once, with their places."""
    roles = list(StaffRole.objects.filter(kind__in=[COORDINATOR, NSS], country__in={c for c, _r in places})
                 .select_related("user", "user__profile"))
    coordinated = {(r.country, r.region) for r in roles if r.kind == COORDINATOR}
    people: dict[int, tuple[StaffRole, list]] = {}
    for role in roles:
        if role.kind == COORDINATOR:
            mine = [(role.country, role.region)] if (role.country, role.region) in places else []
        else:
            mine = [p for p in places if p[0] == role.country and p not in coordinated]
        if mine and role.user.is_active and role.user.email:
            people.setdefault(role.user_id, (role, []))[1].extend(mine)
    return people


@periodic(crontab(hour=7, minute=0))
@task
def validator_digests_send() -> int:
    """One e-mail per validator, in their language, listing their places with memberships waiting
    more than 7 days. Once a day: a second run the same day sends nothing more."""
    now = timezone.now()
    places = _waiting_places(now - WAITING_TOO_LONG)
    if not places:
        return 0
    sent = 0
    queue_url = reverse("validation_queue")
    for user_id, (role, mine) in _deciders(places).items():
        with translation.override(user_language(role.user)):  # place names in the reader's language
            lines = [{"place": region_name(r) if r else country_name(c), "count": places[(c, r)]["count"],
                      "days": (now - places[(c, r)]["oldest"]).days} for c, r in sorted(set(mine))]
        with transaction.atomic():
            if not first_time(f"validator-digest:{user_id}:{now.date()}"):
                continue
            send_templated_email(user=role.user, template="schools/email/pending_digest", context={
                "user": role.user, "lines": lines, "total": sum(line["count"] for line in lines), "url": queue_url})
            sent += 1
    return sent
