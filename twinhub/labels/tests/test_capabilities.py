"""Who decides, evaluates and oversees labels is one question, asked of one selector
(`staff.selectors.staff_reach(user, capability)`): pages and the API cannot disagree."""

import pytest

from twinhub.labels.models import SchoolLabelApplication
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach
from twinhub.testing import ApiClient, client_for, make_staff, make_teacher

pytestmark = pytest.mark.django_db

# role: (decisions page, API decision) — the NSS of the school's country decides; CSS oversees
# (sees every file) but does not decide a national label.
EXPECTED = {
    "nss_tr": (200, 200),
    "nss_it": (200, 404),   # has a decisions page (for Italy); a Turkish school's file is out of scope
    "css": (404, 403),      # sees the file, is told who decides
    "teacher": (404, 404),
}


def _user(role):
    return {"nss_tr": lambda: make_staff("nss", country="TR"), "nss_it": lambda: make_staff("nss", country="IT"),
            "css": lambda: make_staff("css"), "teacher": lambda: make_teacher(country="TR")}[role]()


@pytest.mark.parametrize("role", EXPECTED)
def test_the_decisions_page_and_the_api_ask_the_same_capability(role):
    applicant = make_teacher(country="TR")
    # The file as the eligibility rule would let it in (eligibility has its own tests).
    application = SchoolLabelApplication.objects.create(
        school=applicant.memberships.get().school, year=2026, applicant=applicant, principal_name="Ali Kaya",
        principal_declaration="Our school supports eTwinning.")
    user = _user(role)
    browser = client_for(user)
    page = browser.get("/school-label/decisions/").status_code
    api = ApiClient(user).post(f"/school-label/applications/{application.pk}/decision", {"decision": "award"})
    assert (page, api.status_code) == EXPECTED[role]
    assert (page == 200) == bool(staff_reach(user, Capability.DECIDE_SCHOOL_LABEL))
    application.refresh_from_db()
    assert application.status == ("awarded" if api.status_code == 200 else "pending")
    if role == "css":
        assert "National Support Service" in api.json()["message"]
