from ninja import Query, Router, Schema

from twinhub.staff.models import StaffRole

router = Router(tags=["directory"])


class CoordinatorOut(Schema):
    name: str
    kind: str
    country: str
    region: str
    email: str
    phone: str


class DirectoryFilter(Schema):
    country: str = ""
    region: str = ""


@router.get("/coordinators", response=list[CoordinatorOut], auth=None,
            summary="Public directory: provincial coordinators and NSS contacts")
def coordinators_list(request, filters: Query[DirectoryFilter]):
    qs = StaffRole.objects.listed().filter(kind__in=["coordinator", "nss"]).select_related("user")
    if filters.region:
        qs = qs.filter(kind="coordinator", region=filters.region)
    if filters.country:
        qs = qs.filter(country=filters.country)
    return [{"name": r.user.display_name, "kind": r.kind, "country": r.country, "region": r.region,
             "email": r.contact_email, "phone": r.public_phone}
            for r in qs.order_by("country", "region", "user__last_name")]
