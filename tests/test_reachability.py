"""Issue 13, "Done when": every page a role may use is reached from that role's landing page by
following only links (and GET forms and HTMX loads, the buttons that do not change anything), and
no link leads to a 4xx/5xx. Run on the demo (`twinhub demo`), as each demo person."""

import pytest
from django.core.management import call_command
from django.test import Client

from twinhub.accounts.models import User
from twinhub.projects.models import Project
from twinhub.testing.crawl import crawl
from twinhub.twinspace import services as space_services

# One worker runs every role, seeding the demo once (decisions 50 and 52).
pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.xdist_group("demo-crawl")]

COMMON = {"dashboard", "profile", "notifications", "notifications_menu", "tokens", "help_why", "help_articles",
          "help_article", "support_new", "coordinators", "project_directory", "search"}
TEACHER = COMMON | {
    "my_projects", "project_new", "project_detail", "project_invite", "twinspace_home", "twinspace_page",
    "twinspace_forum", "twinspace_thread", "twinspace_materials", "twinspace_meetings", "twinspace_people",
    "contacts", "partner_search", "teacher_card", "mailbox", "mailbox_thread", "my_labels", "school_add",
    # the networking areas (groups, events) add their entries through the menu registry
    "groups", "partner_posts", "events", "gallery", "kits",
}
REACHABLE = {
    "anonymous": {"home", "coordinators", "project_directory", "help_articles", "help_article", "account_login",
                  "account_signup", "search"},
    "teacher": TEACHER,
    "pending": COMMON - {"tokens"} | {"school_add"},
    "coordinator": COMMON | {"validation_queue", "nss_dashboard"},
    "nss": COMMON | {"validation_queue", "nss_dashboard", "nss_dashboard_exports", "support_queue", "support_detail",
                     "staff_roles", "school_label_decisions",
                     "label_queue"},
    "css": COMMON | {"validation_queue", "nss_dashboard", "support_queue", "eql_selection", "staff_roles",
                     "event_edit"},  # CSS manages every event; the edit page hangs off the event's page
    "admin": COMMON | {"validation_queue", "nss_dashboard", "staff_roles", "admin:index"},
    "pupil": {"twinspace_home", "twinspace_page", "twinspace_forum", "twinspace_thread", "twinspace_materials",
              "twinspace_meetings"},
}
EMAILS = {"teacher": "teacher@demo.twinhub.test", "pending": "pending@demo.twinhub.test",
          "coordinator": "coordinator1.tr-06@demo.twinhub.test", "nss": "nss.tr@demo.twinhub.test",
          "css": "css@demo.twinhub.test", "admin": "admin@demo.twinhub.test"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        teacher = User.objects.get(email=EMAILS["teacher"])
        project = Project.objects.get(title="Water is Life", members__user=teacher)
        _pupil, code = space_services.pupil_create(project_id=project.pk, alias="Reach", user=teacher)
        yield {"pupil_code": code, "pupil_project": project.pk}
        call_command("flush", interactive=False, verbosity=0)


def _client_for(role: str, demo) -> Client:
    client = Client()
    if role == "pupil":
        client.post("/twinspace/pupils/login/", {"code": demo["pupil_code"]})
    elif role != "anonymous":
        client.force_login(User.objects.get(email=EMAILS[role]))
    return client



@pytest.mark.parametrize("role", REACHABLE)
def test_every_page_of_a_role_is_reached_by_links_and_none_is_broken(role, demo):
    client = _client_for(role, demo)
    # A pupil's landing page is their TwinSpace (where the pupil log-in sends them).
    start = f"/twinspace/{demo['pupil_project']}/" if role == "pupil" else "/"
    reached, broken = crawl(client, start)
    assert broken == [], "\n".join(broken)
    missing = REACHABLE[role] - reached
    assert not missing, f"{role} cannot reach by links: {sorted(missing)}; reached {sorted(reached)}"
