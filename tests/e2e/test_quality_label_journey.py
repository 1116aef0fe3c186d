"""Browser journey: a teacher with four applications this year sees the pre-check for a 5th; an NSS
evaluator of Türkiye awards the NQL of an earlier one; the teacher downloads the certificate."""

import pytest
from playwright.sync_api import expect

from twinhub.labels.models import Label, LabelApplication, LabelKind
from twinhub.testing import make_staff
from twinhub.testing.browser import log_in
from twinhub.testing.labels import apply, eql_example, european_project, open_window
from twinhub.testing.projects import teacher

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def example(db):
    """The European Quality Label example (P1–P5, see twinhub.testing.labels.eql_example)."""
    return eql_example()




def test_precheck_award_and_certificate(live_server, page):
    nss = make_staff("nss", country="TR")
    open_window("TR", nss)
    ayse = teacher("TR")
    first = apply(ayse, european_project(ayse, title="Bridges between rivers"))
    for i in range(3):
        apply(ayse, european_project(ayse, title=f"Earlier project {i}"))
    fifth = european_project(ayse, title="Fifth project")
    base = live_server.url

    log_in(page, base, ayse.email)
    page.goto(f"{base}/quality-label/projects/{fifth.pk}/")
    precheck = page.locator("#precheck")
    expect(precheck).to_contain_text("This would be your 5th application in")
    expect(precheck).to_contain_text("it will not be evaluated")
    expect(page.locator("form button[type=submit]", has_text="Submit anyway")).to_be_visible()

    log_in(page, base, nss.email)
    page.goto(f"{base}/quality-label/queue/")
    page.click("text=Bridges between rivers")
    for name, value in {"pedagogy": 8, "curriculum": 7, "collaboration": 9, "technology": 6, "results": 7,
                        "pupil_collaboration": 3, "digital_tools": 3, "safety": 4}.items():
        page.fill(f"input[name={name}]", str(value))
    page.fill("textarea[name=feedback]", "Excellent collaboration between the pupils.")
    page.select_option("select[name=decision]", "award")
    page.click("#evaluation-form button[type=submit]")
    expect(page.locator("[data-status]")).to_have_text("Awarded")
    assert LabelApplication.objects.get(pk=first.pk).evaluation_status == "awarded"

    log_in(page, base, ayse.email)
    page.goto(f"{base}/quality-label/applications/{first.pk}/")
    expect(page.locator("body")).to_contain_text("Excellent collaboration between the pupils.")
    with page.expect_download() as download_info:
        page.click("#certificate-link")
    download = download_info.value
    path = download.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert download.suggested_filename.startswith("certificate-")


def test_project_page_menu_and_the_eql_selection(live_server, page, example):
    """The teacher reaches the label page from the project page and the menu; a national project's
    page says why it is never an EQL candidate; CSS starts the selection, Türkiye's NSS nominates
    within its quota, CSS confirms."""
    base, year, p = live_server.url, example["year"], example["projects"]
    founder = p["P5"].founder

    log_in(page, base, founder.email)
    page.goto(f"{base}/projects/{p['P3'].pk}/")
    expect(page.locator("#eql-explanation [data-code=national_project]")).to_be_visible()
    page.goto(f"{base}/projects/{p['P5'].pk}/")
    expect(page.locator("#quality-label [data-code=already_applied]")).to_be_visible()
    page.click("#quality-label-link")
    expect(page).to_have_url(f"{base}/quality-label/projects/{p['P5'].pk}/")
    page.click("#nav-quality-labels")
    expect(page.locator("h1")).to_have_text("My labels and certificates")
    expect(page.locator("body")).to_contain_text("P5")

    log_in(page, base, example["css"].email)
    page.click("#nav-evaluations")
    page.click("#start-selection")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "nominating")

    log_in(page, base, example["nss"]["TR"].email)
    page.click("#nav-evaluations")
    page.click("text=European Quality Label nominations")
    expect(page.locator("#quota")).to_have_attribute("data-remaining", "1")
    page.locator(f"tr[data-project='{p['P1'].pk}'] button").click()
    expect(page.locator("#quota")).to_have_attribute("data-remaining", "0")
    expect(page.locator(f"tr[data-project='{p['P5'].pk}'] [data-code=quota_reached]")).to_be_visible()

    log_in(page, base, example["css"].email)
    page.goto(f"{base}/quality-label/eql/?year={year}")
    page.click("#confirm-selection")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "confirmed")
    assert set(Label.objects.filter(kind=LabelKind.EQL).values_list("project_id", flat=True)) == {p["P1"].pk}
