"""Projects, windows and applications for label tests, built through the real services."""

from datetime import date

import pytest
from django.utils import timezone

from twinhub.core.models import AuditEntry, Notification
from twinhub.core.testing import make_staff, make_teacher
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
from twinhub.projects.testing import make_project

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
