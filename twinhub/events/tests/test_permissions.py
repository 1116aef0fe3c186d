"""The events permission table (twinhub/events/rules.py) as a matrix: roles × actions × an event
in or out of the person's scope. An allowed request does what it says; a refused one answers the
rule's code and leaves every table as it was."""

from datetime import timedelta

import pytest
from django.utils import timezone

from twinhub.events.models import Event, EventStatus, Registration, RegistrationStatus
from twinhub.testing import ApiClient, assert_refused, client_for, db_state
from twinhub.testing.events import make_event
from twinhub.testing.projects import make_project, teacher

pytestmark = pytest.mark.django_db

NATIONAL, PROJECT = "national", "project"


@pytest.fixture
def world(people):
    """A Turkish national seminar by the NSS of Türkiye, and a project's own seminar by its founder."""
    founder, cofounder, member = teacher("TR", name="Founder Fatma"), teacher("IT", name="Cofounder Carla"), \
        teacher("TR", name="Member Mehmet")
    project = make_project(founder=founder, cofounder=cofounder, members=[member])
    people.make("nss_tr", "nss_it", "css", "teacher", "pending_teacher", "teacher_pl")
    return {
        "founder": founder, "member": member, "the_project": project,
        NATIONAL: make_event(people.nss_tr, country="TR"),
        PROJECT: make_event(founder, project_id=project.pk, title="Our project's seminar"),
    }


def _who(people, world, role):
    return world[role] if role in ("founder", "member") else people[role]


# role, event, expected status of: see, register, cancel the event, list registrations
MATRIX = [
    ("anonymous", NATIONAL, 200, None, None, None),
    ("teacher", NATIONAL, 200, 201, 403, 403),
    ("pending_teacher", NATIONAL, 200, 403, 403, 403),
    ("nss_tr", NATIONAL, 200, 403, 200, 200),        # the organiser (not an eTwinner: does not register)
    ("nss_it", NATIONAL, 200, 403, 403, 403),        # another country's NSS
    ("css", NATIONAL, 200, 403, 200, 200),
    ("anonymous", PROJECT, 404, None, None, None),
    ("teacher_pl", PROJECT, 404, 404, 404, 404),     # not a member: the event does not exist for them
    ("nss_tr", PROJECT, 404, 404, 404, 404),         # a project's event is the project's own
    ("member", PROJECT, 200, 201, 403, 403),
    ("founder", PROJECT, 200, 201, 200, 200),
]
REFUSAL_CODE = {403: {"register": ("not_etwinner", "membership_pending"), "cancel": ("event_not_organiser",),
                      "registrations": ("event_not_organiser",)},
                404: {"register": ("not_found",), "cancel": ("not_found",), "registrations": ("not_found",)}}


@pytest.mark.parametrize("role, which, see, register, cancel, registrations", MATRIX)
def test_event_matrix(people, world, role, which, see, register, cancel, registrations):
    user = _who(people, world, role)
    event = world[which]
    api = ApiClient(user)
    assert api.get(f"/events/{event.pk}").status_code == see
    assert client_for(user).get(f"/events/{event.pk}/").status_code == see
    if user is None:
        return
    for action, expected, call in [
        ("registrations", registrations, lambda: api.get(f"/events/{event.pk}/registrations")),
        ("register", register, lambda: api.post(f"/events/{event.pk}/registration")),
        ("cancel", cancel, lambda: api.post(f"/events/{event.pk}/cancel")),
    ]:
        before = db_state()
        response = call()
        assert response.status_code == expected, (action, response.json())
        if expected >= 400:
            assert response.json()["code"] in REFUSAL_CODE[expected][action]
            assert db_state() == before, action
        elif action == "register":
            assert Registration.objects.get(event=event, user=user).status == RegistrationStatus.REGISTERED
        elif action == "cancel":
            assert Event.objects.get(pk=event.pk).status == EventStatus.CANCELLED


def _create(api, **overrides):
    start = timezone.now() + timedelta(days=5)
    data = {"kind": "seminar", "title": "New seminar", "language": "tr", "country": "TR", "capacity": 20,
            "starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat(),
            "link": "https://meet.example.org/new"}
    return api.post("/events", {**data, **overrides})


@pytest.mark.parametrize("role, overrides, status, code", [
    ("nss_tr", {}, 201, None),
    ("css", {}, 201, None),
    ("css", {"country": ""}, 201, None),                 # a European event
    ("nss_tr", {"country": ""}, 403, "event_cannot_organise"),
    ("nss_it", {}, 403, "event_cannot_organise"),
    ("teacher", {}, 403, "event_cannot_organise"),
    ("pending_teacher", {}, 403, "event_cannot_organise"),
    ("founder", {"project": True}, 201, None),
    ("member", {"project": True}, 403, "event_cannot_organise"),
    ("teacher_pl", {"project": True}, 404, "not_found"),
    ("nss_tr", {"project": True}, 404, "not_found"),
    ("nss_tr", {"link": "http://insecure.example.org"}, 400, "invalid_event"),
    ("nss_tr", {"capacity": 0}, 422, None),
])
def test_who_organises_what(people, world, role, overrides, status, code):
    api = ApiClient(_who(people, world, role))
    if overrides.pop("project", False):
        overrides["project_id"] = world["the_project"].pk
    before = db_state()
    response = _create(api, **overrides)
    assert response.status_code == status, response.json()
    if status == 201:
        event = Event.objects.get(pk=response.json()["id"])
        assert event.organiser == _who(people, world, role)
        assert (event.project_id is not None) == ("project_id" in overrides)
    else:
        if code:
            assert_refused(response, code, status)
        assert db_state() == before


def test_attendance_is_marked_by_the_organiser_only(people, world):
    started = make_event(people.nss_tr, starts_in=timedelta(minutes=-10), title="Started seminar")
    # Registration closed when it started: register through a second event's path is not possible, so
    # register before it starts by creating it in the future and moving the start (organiser's edit).
    Event.objects.filter(pk=started.pk).update(starts_at=timezone.now() + timedelta(hours=1),
                                               ends_at=timezone.now() + timedelta(hours=2))
    registration = ApiClient(people.teacher).post(f"/events/{started.pk}/registration").json()
    Event.objects.filter(pk=started.pk).update(starts_at=timezone.now() - timedelta(minutes=10))
    path = f"/events/{started.pk}/registrations/{registration['id']}/attendance"
    for refused, code in [(people.teacher, "event_not_organiser"), (people.nss_it, "event_not_organiser"),
                          (people.teacher_pl, "event_not_organiser")]:
        api = ApiClient(refused)
        before = db_state()
        assert_refused(api.post(path, {"attended": True}), code, 403)
        assert db_state() == before
    body = ApiClient(people.nss_tr).post(path, {"attended": True}).json()
    assert body["attended"] is True and len(body["certificate_code"]) == 12


def test_attendance_waits_for_the_start(people, world):
    event = world[NATIONAL]
    registration = ApiClient(people.teacher).post(f"/events/{event.pk}/registration").json()
    api = ApiClient(people.nss_tr)
    before = db_state()
    assert_refused(api.post(f"/events/{event.pk}/registrations/{registration['id']}/attendance", {"attended": True}),
                   "event_not_started", 409)
    assert db_state() == before
