"""Projects, windows and applications for label tests, built through the real services."""

from datetime import date

import pytest
from django.utils import timezone

from twinhub.core.models import AuditEntry, Notification
from twinhub.labels import services
from twinhub.labels.models import (
    ApplicationWindow,
    CountryLabelPolicy,
    EqlNomination,
    Label,
    LabelApplication,
    SchoolLabelApplication,
    YearCounter,
)
from twinhub.testing import make_staff, make_teacher
from twinhub.testing.projects import make_project

TEXTS = {
    "pedagogy": "Project-based learning with mixed teams.",
    "curriculum": "Fits the English and science curricula.",
    "collaboration": "Pupils from both schools wrote a story together.",
    "technology": "Shared documents, video meetings.",
    "results": "An e-book and a final exhibition.",
}
GOOD_SCORES = {"pedagogy": 8, "curriculum": 7, "collaboration": 9, "technology": 6, "results": 7,
               "pupil_collaboration": 3, "digital_tools": 3, "safety": 4}


def teacher(country="TR"):
    return make_teacher(country=country, region="TR-06" if country == "TR" else "", approved=True, available=True)


def european_project(applicant=None, *, country="TR", partner_country="IT", members=(), title="Our project"):
    """A European project founded by `applicant` (a teacher of `country`) and a partner abroad."""
    return make_project(founder=applicant or teacher(country), cofounder=teacher(partner_country),
                        members=members, title=title)


def national_project(applicant=None, *, country="TR", members=()):
    return make_project(founder=applicant or teacher(country), cofounder=teacher(country), members=members,
                        title="A national project")


def open_window(country="TR", nss=None):
    today = timezone.localdate()
    return services.window_create(actor=nss or make_staff("nss", country=country), country=country,
                                  year=today.year, opens_on=date(today.year, 1, 1),
                                  closes_on=date(today.year, 12, 31))


def apply(user, project):
    return services.application_submit(user=user, project_id=project.pk, texts=TEXTS, evidence_links=[])


def db_state() -> tuple:
    """Everything a label action could change."""
    return (
        list(LabelApplication.objects.order_by("pk").values_list(
            "pk", "evaluation_status", "evaluator", "deadline", "total", "feedback", "position_in_year")),
        list(YearCounter.objects.order_by("pk").values_list("pk", "submitted")),
        list(Label.objects.order_by("pk").values_list("pk", "kind", "holder", "project")),
        list(ApplicationWindow.objects.order_by("pk").values_list("pk", "opens_on", "closes_on")),
        list(CountryLabelPolicy.objects.order_by("pk").values_list(
            "pk", "national_projects_allowed", "max_applications_per_year", "max_members_from_country")),
        list(EqlNomination.objects.order_by("pk").values_list("pk", "project", "country")),
        list(SchoolLabelApplication.objects.order_by("pk").values_list("pk", "status")),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


@pytest.fixture
def nss_tr(db):
    return make_staff("nss", country="TR")


@pytest.fixture
def window_tr(nss_tr):
    return open_window("TR", nss_tr)


def scores_for(total: int) -> dict:
    """Five criteria adding up to `total`, sub-criteria above their minimum."""
    base, extra = divmod(total, 5)
    return {**GOOD_SCORES, **{k: base + (1 if i < extra else 0)
                              for i, k in enumerate(["pedagogy", "curriculum", "collaboration", "technology",
                                                     "results"])}}


@pytest.fixture
def example(db):
    """TR has five NQL projects (quota 1 at 25%), IT four (quota 1); ES none.

    P1 european TR+IT, NQLs in TR (40) and IT (38): candidate, average 39.
    P2 european TR+ES, NQL in TR only: not a candidate.
    P3 national (TR founders, an IT member), NQLs in TR and IT: never a candidate.
    P4 european TR+IT, NQLs in TR and IT, average 18: below the 20-point threshold.
    P5 european TR+IT, NQLs in TR and IT, average 35: candidate.
    """
    nss = {c: make_staff("nss", country=c) for c in ("TR", "IT", "ES")}
    for country, staff in nss.items():
        open_window(country, staff)

    def project(title, a_country, b_country, totals, extra_members=()):
        a, b = teacher(a_country), teacher(b_country)
        p = make_project(founder=a, cofounder=b, members=extra_members, title=title)
        holders = [a, b] if not extra_members else [a, extra_members[0]]
        for holder, total in zip(holders, totals, strict=False):
            application = apply(holder, p)
            services.application_evaluate(actor=nss[application.country], application_id=application.pk,
                                          scores=scores_for(total), feedback="", award=True)
        return p

    it_member = teacher("IT")
    projects = {
        "P1": project("P1", "TR", "IT", [40, 38]),
        "P2": project("P2", "TR", "ES", [42]),
        "P3": project("P3", "TR", "TR", [45, 45], extra_members=[it_member]),
        "P4": project("P4", "TR", "IT", [18, 18]),
        "P5": project("P5", "TR", "IT", [36, 34]),
    }
    return {"nss": nss, "css": make_staff("css"), "projects": projects, "year": timezone.localdate().year}
