"""The living part of `twinhub demo`: contacts, projects (national and European), a TwinSpace,
a Quality Label window with applications, and support requests — all through the services,
so the demo obeys every rule the platform enforces."""

from datetime import date, timedelta

from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.contacts.selectors import are_contacts
from twinhub.contacts.services import contact_request_accept, contact_request_send
from twinhub.helpcentre import services as help_services
from twinhub.labels import services as label_services
from twinhub.labels.rules import CRITERIA
from twinhub.projects import services as project_services
from twinhub.twinspace import services as space_services


def _teachers(country: str, *, available: bool, limit: int, exclude=()) -> list[User]:
    return list(User.objects.filter(profile__country=country, profile__available_for_projects=available,
                                     memberships__status="approved")
                .exclude(pk__in=[u.pk for u in exclude]).distinct().order_by("id")[:limit])


def _contacts(a, b) -> None:
    """a asks b, b accepts: the demo's contacts go through rule 6 like everyone's."""
    if are_contacts(a, b):
        return
    contact_request_accept(user=b, request_id=contact_request_send(sender=a, to_user_id=b.pk).pk)


def _project(founder, cofounder, title, description, members=()):
    _contacts(founder, cofounder)
    project = project_services.project_create(
        founder=founder, cofounder=cofounder, title=title, description=description, languages=["en"],
        subjects=["science", "foreign_languages"], age_ranges=["11-14"],
        planned_start=date.today() - timedelta(days=30), planned_end=date.today() + timedelta(days=180))
    project_services.project_cofounder_accept(user=cofounder, project_id=project.pk)
    for member in members:
        _contacts(founder, member)
        invitation = project_services.project_invite(actor=founder, project_id=project.pk, user_id=member.pk)
        project_services.invitation_accept(user=member, invitation_id=invitation.pk)
    return project


def seed_collaboration(*, teacher: User, pending: User, nss_tr: User) -> None:
    others_tr = _teachers("TR", available=True, limit=14, exclude=[teacher])
    italians, poles, spaniards = (_teachers(c, available=True, limit=3) for c in ("IT", "PL", "ES"))
    unavailable_fr = _teachers("FR", available=False, limit=1)

    # Contacts: the demo teacher knows partners abroad, someone who is not available, and the
    # pending teacher cannot be among them (rule 6).
    for other in [*others_tr[:4], *italians, *poles, *unavailable_fr]:
        _contacts(teacher, other)

    european = _project(teacher, italians[0], "Water is Life",
                        "Pupils in Türkiye and Italy measure and compare the water they use.",
                        members=[poles[0], others_tr[0]])
    national = _project(teacher, others_tr[1], "Anadolu Masalları",
                        "Two Turkish schools retell folk tales; foreign partners joined later.",
                        members=[spaniards[0]])
    # A project with eleven members from Türkiye: its Quality Label application is not evaluated.
    crowded = _project(others_tr[2], others_tr[3], "Crowded Classroom", "A large national project.",
                       members=others_tr[4:13])

    page = space_services.page_create(project_id=european.pk, title="Welcome",
                                      body_html="<p>Welcome to our <strong>TwinSpace</strong>!</p>", user=teacher)
    space_services.page_create(project_id=european.pk, title="Week 1: our water diary", parent_id=page.pk,
                               body_html="<p>Write down every glass of water.</p>", user=teacher)
    thread = space_services.thread_create(project_id=european.pk, title="Hello from Ankara",
                                          body_html="<p>Merhaba! Ciao!</p>", user=teacher)
    space_services.post_create(project_id=european.pk, thread_id=thread.pk, body_html="<p>Ciao!</p>",
                               user=italians[0])
    space_services.pupil_create(project_id=european.pk, alias="Deniz", user=teacher)
    space_services.meeting_schedule(project_id=european.pk, title="Kick-off call",
                                    starts_at=timezone.now() + timedelta(days=3),
                                    link="https://meet.example.org/water-is-life", user=teacher)

    today = date.today()
    label_services.window_create(actor=nss_tr, country="TR", year=today.year, opens_on=today - timedelta(days=10),
                                 closes_on=min(today + timedelta(days=40), date(today.year, 12, 31)))
    texts = {key: "Our pupils worked together every week and documented it in the TwinSpace." for key in CRITERIA}
    for project, applicant in ((european, teacher), (crowded, others_tr[2])):
        label_services.application_submit(user=applicant, project_id=project.pk, texts=texts,
                                          evidence_links=["https://example.org/evidence"])
    del national

    help_services.support_request_create(user=pending, subject="My membership is still pending",
                                         body="I joined two weeks ago and I am still waiting.", consent=True)
