"""Browser journey: a teacher in Türkiye finds a teacher in Germany with the partner search and sends a
contact request from their card; he accepts it on his contacts page. The two start a project; the
co-founder accepts and both see it is European; the founder sees an unavailable contact greyed out
with the reason, invites a third teacher, who accepts; the scope shown stays European."""

import pytest
from playwright.sync_api import expect

from twinhub.projects.models import Project, ProjectMember
from twinhub.testing import make_teacher
from twinhub.testing.browser import log_in
from twinhub.testing.projects import make_contacts

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]




def test_two_countries_start_a_european_project_and_invite_a_third(live_server, page):
    ayse = make_teacher(country="TR", region="TR-06", approved=True, available=True, name="Ayşe Yılmaz")
    jonas = make_teacher(country="DE", approved=True, available=True, name="Jonas Weber")
    claire = make_teacher(country="FR", approved=True, available=True, name="Claire Martin")
    pierre = make_teacher(country="FR", approved=True, available=False, name="Pierre Durand")
    # Ayşe's other contacts are not this journey's subject: they are made through the service.
    for other in (claire, pierre):
        make_contacts(ayse, other)
    base = live_server.url

    # Ayşe finds Jonas (the only teacher in Germany) and asks him to become a contact from his card.
    log_in(page, base, ayse.email)
    page.click("nav >> text=Find partners")
    page.select_option("#f-country", "DE")
    found = page.locator("#teacher-results .teacher-result")
    expect(found).to_have_count(1)
    expect(found).to_have_attribute("data-id", str(jonas.pk))
    found.locator("a", has_text="Jonas Weber").click()
    expect(page.locator("#teacher-card h1")).to_have_text("Jonas Weber")
    page.fill("#message", "Shall we start a project about rivers?")
    page.click("#add-contact")
    expect(page.locator(".messages")).to_contain_text("Your contact request was sent.")
    expect(page.locator("#contact-action")).to_contain_text("waiting for an answer")

    # Jonas accepts it on his contacts page.
    log_in(page, base, jonas.email)
    page.click("nav >> text=Contacts")
    request = page.locator("#incoming .request", has_text="Ayşe Yılmaz")
    expect(request).to_contain_text("Shall we start a project about rivers?")
    request.locator("button", has_text="Accept").click()
    expect(page.locator(".messages")).to_contain_text("Contact request accepted.")
    expect(page.locator(f"#contacts #contact-{ayse.pk}")).to_contain_text("Ayşe Yılmaz")

    log_in(page, base, ayse.email)
    page.click("nav >> text=Projects")
    page.click("text=Start a project")
    page.fill("input[name=title]", "Bridges between rivers")
    page.fill("textarea[name=description]", "Pupils map the rivers of their towns.")
    page.select_option("select[name=cofounder]", str(jonas.pk))
    page.click("text=Create the project")
    expect(page.locator(".state")).to_contain_text("Waiting for the co-founder")

    log_in(page, base, jonas.email)
    page.click("nav >> text=Projects")
    page.click("text=Bridges between rivers")
    expect(page.locator("#cofounder-answer")).to_contain_text("Ayşe Yılmaz asks you to co-found")
    page.click("text=Accept and co-found")
    expect(page.locator("h1 [data-scope]")).to_have_text("European project")
    expect(page.locator("#scope-explanation")).to_contain_text("different countries")

    log_in(page, base, ayse.email)
    page.click("nav >> text=Projects")
    page.click("text=Bridges between rivers")
    expect(page.locator("h1 [data-scope]")).to_have_text("European project")
    page.click("#invite-link")
    greyed = page.locator(f"#invite-list tr[data-user='{pierre.pk}']")
    expect(greyed).to_have_class("muted greyed")
    expect(greyed).to_contain_text("has not switched on “Available for eTwinning projects”")
    expect(greyed.locator("button")).to_be_disabled()
    expect(page.locator(f"#invite-list tr[data-user='{jonas.pk}']")).to_contain_text("already a member")
    page.locator(f"#invite-list tr[data-user='{claire.pk}'] button").click()
    expect(page.locator(".messages")).to_contain_text("Claire Martin was invited.")

    log_in(page, base, claire.email)
    page.click("nav >> text=Projects")
    expect(page.locator("#invitations")).to_contain_text("Ayşe Yılmaz invites you to “Bridges between rivers”")
    page.click("#invitations >> text=Accept")
    # Accepting answers in place (HTMX): the invitation leaves, the project joins her list.
    expect(page.locator("#invitations")).not_to_contain_text("Bridges between rivers")
    page.click("#my-projects-lists >> text=Bridges between rivers")
    expect(page.locator("h1 [data-scope]")).to_have_text("European project")
    expect(page.locator("#members")).to_contain_text("Claire Martin")
    expect(page.locator("#members tr[data-country='FR']")).to_have_count(1)

    project = Project.objects.get(title="Bridges between rivers")
    assert (project.scope, project.founder_countries) == ("european", ["TR", "DE"])
    assert sorted(ProjectMember.objects.filter(project=project).values_list("country", flat=True)) == [
        "DE", "FR", "TR"]
