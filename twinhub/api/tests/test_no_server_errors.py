"""Input that once gave a 500 (issue 12, finding 5) now gets a 4xx `{"code", "message"}`, and the
OpenAPI document describes what each operation can answer (finding 8)."""

import pytest
from django.test import Client

from twinhub.schools.models import School
from twinhub.schools.services import membership_request
from twinhub.testing import ApiClient, assert_refused, db_state, make_staff, make_teacher, needs_postgresql
from twinhub.testing.projects import make_project, teacher

pytestmark = pytest.mark.django_db

SCHOOL = {"legal_name": "Ankara Fen Lisesi", "country": "TR", "region": "TR-06", "city": "Ankara",
          "school_type": "upper_secondary", "principal_name": "Ali Kaya"}
# Each passes a simple "x@y.z" check; the last one's domain label is too long once IDNA-encoded.
BAD_ADDRESSES = ["p@é..example", "p@" + "é" * 60 + ".example", "p@exa mple.org", "p@localhost"]


@pytest.mark.parametrize("address", BAD_ADDRESSES)
def test_a_school_with_an_undeliverable_principal_address_is_refused(address):
    api = ApiClient(make_teacher())
    before = db_state()
    assert_refused(api.post("/schools", {**SCHOOL, "principal_email": address}), "invalid_email", 400)
    assert db_state() == before


def test_a_stored_undeliverable_principal_address_does_not_break_membership_requests(
        django_capture_on_commit_callbacks, mailoutbox):
    """Schools made before the stricter check keep their address: asking them never crashes."""
    school = School.objects.create(legal_name="Old school", public_name="Old school", country="TR",
                                   region="TR-06", city="Ankara", school_type="upper_secondary",
                                   principal_name="P", principal_email="p@" + "é" * 60 + ".example")
    teacher_ = make_teacher(approved=False)
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_request(user=teacher_, school=school)
    assert membership.status == "pending"
    assert not [m for m in mailoutbox if school.principal_email in m.to]


@pytest.mark.parametrize("path", ["/projects", "/memberships"])
@pytest.mark.parametrize("offset", ["9223372036854775808", "-1", "1e3", str(10**7)])
def test_paging_parameters_are_bounded(path, offset):
    make_project(founder=teacher(), cofounder=teacher("IT"))
    api = ApiClient(make_staff("nss", country="TR"))
    response = api.get(path, {"offset": offset})
    assert_refused(response, "invalid", 422)


def test_an_upload_without_a_multipart_boundary_is_a_400():
    founder = teacher()
    project = make_project(founder=founder, cofounder=teacher("IT"))
    api = ApiClient(founder)
    before = db_state()
    response = api.client.post(f"/api/v1/twinspace/{project.pk}/materials", data=b"--x\r\n",
                               content_type="multipart/form-data", headers=api.headers)
    assert_refused(response, "bad_request", 400)
    assert db_state() == before


def _spec():
    return Client().get("/api/v1/openapi.json").json()


def test_every_schema_name_is_used_once():
    """Two schemas of one name overwrite each other: /me described the queue's memberships."""
    spec = _spec()
    me = spec["paths"]["/api/v1/me"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    me_schema = spec["components"]["schemas"][me["$ref"].rsplit("/", 1)[1]]
    item_ref = me_schema["properties"]["memberships"]["items"]["$ref"]
    item = spec["components"]["schemas"][item_ref.rsplit("/", 1)[1]]
    assert "teacher_email" not in item["properties"]
    queue = spec["paths"]["/api/v1/memberships"]["get"]["responses"]["200"]["content"]["application/json"]
    assert queue["schema"]["items"]["$ref"] != item_ref


def test_every_operation_declares_its_error_responses():
    spec = _spec()
    missing = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for status in ("401", "404", "422", "429"):
                if status not in responses and not (status == "401" and not operation.get("security")):
                    missing.append(f"{method.upper()} {path} {status}")
    assert not missing, missing[:20]
    error = spec["components"]["schemas"]["Error"]
    assert {"code", "message"} <= set(error["required"])


def test_no_two_api_schemas_share_a_name():
    """The OpenAPI document names each schema by its class: two classes of one name overwrite each
    other, and responses then break the document (issue 12: MembershipOut, EmailOut, MemberOut)."""
    from collections import defaultdict

    from ninja import Schema

    import twinhub.api.urls  # noqa: F401 - every router (and its schemas) is imported

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    by_name = defaultdict(set)
    for schema in subclasses(Schema):
        if schema.__module__.startswith("twinhub.") and ".tests." not in schema.__module__:
            by_name[schema.__name__].add(schema.__module__)
    assert not {name: modules for name, modules in by_name.items() if len(modules) > 1}


@needs_postgresql(why="SQLite stores a NUL character; PostgreSQL refuses it with a DataError")
def test_a_nul_character_is_a_400_not_a_500():
    api = ApiClient(make_teacher())
    response = api.post("/support-requests", {"subject": "Help\u0000", "body": "Please\u0000", "consent": True})
    assert_refused(response, "bad_request", 400)
