"""Content-Security-Policy proof (issue 12 finding 7, decision 20): Chromium reports no violation on
any of these pages, for anonymous visitors, teachers, staff and a pupil. In the tests (development
settings) the policy is report-only, so a violation does not break the page but is still reported:
the test collects every `securitypolicyviolation` event and every CSP message on the console."""

import pytest

from twinhub.contacts import services as contact_services
from twinhub.testing import make_staff, make_teacher
from twinhub.testing.browser import use_session_of
from twinhub.testing.projects import make_project
from twinhub.twinspace import services as twinspace_services

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LISTEN = """() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', e =>
    window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
}"""


def _visit(page, base, user, paths, found, *, pupil_code=None):
    use_session_of(page, base, user)
    if pupil_code:
        page.goto(f"{base}/twinspace/pupils/login/")
        page.fill("input[name=code]", pupil_code)
        page.press("input[name=code]", "Enter")
        page.wait_for_load_state("networkidle")
    for path in paths:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status < 400, (path, response and response.status)
        policy = response.headers.get("content-security-policy-report-only", "")
        assert "script-src 'self'" in policy, (path, policy)
        page.wait_for_load_state("networkidle")
        found += [f"{path}: {v}" for v in page.evaluate("() => window.__csp || []")]


def test_no_page_violates_the_content_security_policy(live_server, page):
    page.add_init_script(f"({LISTEN})()")
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    base, found = live_server.url, []
    make_staff("coordinator", country="TR", region="TR-06")
    nss = make_staff("nss", country="TR")
    ayse = make_teacher(country="TR", region="TR-06", approved=True, available=True, name="Ayşe Yılmaz")
    jonas = make_teacher(country="DE", approved=True, available=True, name="Jonas Weber")
    pending = make_teacher(country="TR", region="TR-06", approved=False, name="Pelin Bekler")
    project = make_project(founder=ayse, cofounder=jonas, title="Bridges between rivers")
    twinspace_services.page_create(project_id=project.pk, title="Plan", body_html="<p>Hello</p>", user=ayse)
    _pupil, code = twinspace_services.pupil_create(project_id=project.pk, alias="Kedi", user=ayse)
    claire = make_teacher(country="FR", approved=True, available=True, name="Claire Martin")
    contact_services.contact_request_send(sender=claire, to_user_id=ayse.pk, message="Hello")

    _visit(page, base, None, ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
                              "/coordinators/", "/help/", "/projects/", "/twinspace/pupils/login/",
                              "/api/v1/docs"], found)
    _visit(page, base, pending, ["/dashboard/", "/help/why/", "/support/", "/schools/add/"], found)
    _visit(page, base, ayse, [
        "/dashboard/", "/profile/", "/notifications/", "/settings/tokens/", "/teachers/", f"/teachers/{jonas.pk}/",
        "/contacts/", "/mailbox/", "/projects/mine/", "/projects/new/", f"/projects/{project.pk}/",
        f"/twinspace/{project.pk}/", f"/twinspace/{project.pk}/pages/new/", f"/twinspace/{project.pk}/materials/",
        "/labels/mine/", "/legacy/claim/"], found)
    _visit(page, base, nss, ["/validation/", "/nss/dashboard/", "/support/queue/"], found)
    _visit(page, base, None, [f"/twinspace/{project.pk}/"], found, pupil_code=code)
    assert not found and not console, "\n".join(found + console)
