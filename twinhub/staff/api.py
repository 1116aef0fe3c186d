from ninja import Query, Router, Schema

from twinhub.core.replica import reads_from_replica
from twinhub.staff.selectors import directory_entries

router = Router(tags=["directory"])


class CoordinatorOut(Schema):
    name: str
    kind: str
    country: str
    region: str
    email: str
    phone: str


class CoordinatorsFilter(Schema):
    country: str = ""
    region: str = ""


@router.get("/coordinators", response=list[CoordinatorOut], auth=None,
            summary="Public directory: provincial coordinators and NSS contacts")
@reads_from_replica
def coordinators_list(request, filters: Query[CoordinatorsFilter]):
    return [{"name": r.user.display_name, "kind": r.kind, "country": r.country, "region": r.region,
             "email": r.contact_email, "phone": r.public_phone}
            for r in directory_entries(country=filters.country, region=filters.region)]
