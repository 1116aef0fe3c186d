"""The JSON API under /api/v1/. Each app keeps its own endpoints (`<app>/api.py`) as a router."""

from django.urls import re_path
from ninja import NinjaAPI

from twinhub.accounts.api_auth import BearerToken, BrowserSession
from twinhub.api import errors
from twinhub.api.openapi import declare_errors


class TwinHubAPI(NinjaAPI):
    def _get_urls(self):
        # Last: any other path under /api/v1/ answers the JSON 404, not Django's HTML page.
        return [*super()._get_urls(), re_path(r"^.*$", errors.unknown_path, name="unknown")]

    def get_openapi_schema(self, **kwargs):
        return declare_errors(super().get_openapi_schema(**kwargs))


api = TwinHubAPI(
    title="TwinHub API",
    version="1",
    description="The TwinHub platform API. Authenticate with a personal token: `Authorization: Bearer th_…`.",
    auth=[BearerToken(), BrowserSession()],
    urls_namespace="api",
)
errors.install(api)

from twinhub.contacts.api import router as contacts_router  # noqa: E402
from twinhub.events.api import router as events_router  # noqa: E402
from twinhub.groups.api import router as groups_router  # noqa: E402
from twinhub.helpcentre.api import router as helpcentre_router  # noqa: E402
from twinhub.labels.api import router as labels_router  # noqa: E402
from twinhub.legacy.api import router as legacy_router  # noqa: E402
from twinhub.portal.api import router as me_router  # noqa: E402
from twinhub.projects.api import router as projects_router  # noqa: E402
from twinhub.schools.api import router as schools_router  # noqa: E402
from twinhub.staff.api import router as staff_router  # noqa: E402
from twinhub.twinspace.api import router as twinspace_router  # noqa: E402

api.add_router("", me_router)
api.add_router("", schools_router)
api.add_router("", staff_router)
api.add_router("", contacts_router)
api.add_router("", projects_router)
api.add_router("", twinspace_router)
api.add_router("", labels_router)
api.add_router("", legacy_router)
api.add_router("", helpcentre_router)
api.add_router("", events_router)
api.add_router("", groups_router)

urlpatterns = api.urls
