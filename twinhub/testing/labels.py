"""Quality Label applications, windows and evaluations, built through the real services."""

from datetime import date, timedelta

from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.labels import services
from twinhub.labels.models import ApplicationWindow, LabelApplication
from twinhub.projects.models import Project
from twinhub.schools.models import School
from twinhub.testing.people import make_staff
from twinhub.testing.projects import make_project, teacher

TEXTS = {
    "pedagogy": "Project-based learning with mixed teams.",
    "curriculum": "Fits the English and science curricula.",
    "collaboration": "Pupils from both schools wrote a story together.",
    "technology": "Shared documents, video meetings.",
    "results": "An e-book and a final exhibition.",
}
GOOD_SCORES = {"pedagogy": 8, "curriculum": 7, "collaboration": 9, "technology": 6, "results": 7,
               "pupil_collaboration": 3, "digital_tools": 3, "safety": 4}
CRITERIA = ["pedagogy", "curriculum", "collaboration", "technology", "results"]


def european_project(applicant: User | None = None, *, country: str = "TR", partner_country: str = "IT",
                     members=(), title: str = "Our project") -> Project:
    """A European project founded by `applicant` (a teacher of `country`) and a partner abroad."""
    return make_project(founder=applicant or teacher(country), cofounder=teacher(partner_country),
                        members=members, title=title)


def national_project(applicant: User | None = None, *, country: str = "TR", members=()) -> Project:
    return make_project(founder=applicant or teacher(country), cofounder=teacher(country), members=members,
                        title="A national project")


def open_window(country: str = "TR", nss: User | None = None) -> ApplicationWindow:
    """This year's application window of `country`, open all year."""
    today = timezone.localdate()
    return services.window_create(actor=nss or make_staff("nss", country=country), country=country,
                                  year=today.year, opens_on=date(today.year, 1, 1),
                                  closes_on=date(today.year, 12, 31))


def apply(user: User, project: Project) -> LabelApplication:
    return services.application_submit(user=user, project_id=project.pk, texts=TEXTS, evidence_links=[])


def scores_for(total: int) -> dict:
    """Five criteria adding up to `total`, sub-criteria above their minimum."""
    base, extra = divmod(total, 5)
    return {**GOOD_SCORES, **{k: base + (1 if i < extra else 0) for i, k in enumerate(CRITERIA)}}


def award(holder: User, project: Project, *, nss: dict[str, User] | User,
          total: int | None = None) -> LabelApplication:
    """`holder` applies for `project` and the NSS of the application's country (`nss`, or
    `nss[country]`) awards the National Quality Label, with `total` points if given."""
    application = apply(holder, project)
    evaluator = nss[application.country] if isinstance(nss, dict) else nss
    return services.application_evaluate(actor=evaluator, application_id=application.pk,
                                         scores=GOOD_SCORES if total is None else scores_for(total),
                                         feedback="", award=True)


def eql_example() -> dict:
    """The European Quality Label example: TR has five NQL projects (quota 1 at 25%), IT four
    (quota 1); ES none.

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
            award(holder, p, nss=nss, total=total)
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


# --- The eTwinning School Label ---------------------------------------------------------------

DECLARATION = {"principal_name": "Ayşe Yılmaz", "principal_declaration": "Our school supports eTwinning."}


def school_teachers(n: int = 3, *, school_number: str = "SL-1") -> list[User]:
    """`n` approved, available teachers of one school in Ankara (the school with this number)."""
    return [teacher("TR", school_number=school_number) for _ in range(n)]


def age_school(school: School, days: int = 800) -> None:
    """The school joined `days` ago (no service moves a school back in time)."""
    School.objects.filter(pk=school.pk).update(created_at=timezone.now() - timedelta(days=days))


def eligible_school(nss: User, *, school_number: str = "SL-1") -> tuple[School, list[User]]:
    """A school old enough, with three active teachers and a European project holding an NQL
    awarded by `nss`: eligible for the School Label."""
    teachers = school_teachers(school_number=school_number)
    school = teachers[0].memberships.get().school
    age_school(school)
    project = make_project(founder=teachers[0], cofounder=teacher("IT"), members=teachers[1:], title="Sea")
    award(teachers[0], project, nss=nss)
    return school, teachers
