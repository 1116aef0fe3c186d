"""The soak's simulated users (locust): teachers, coordinators and pupils on their usual journeys.

Run by bench/soak.py, which prepares the sessions and pupil codes (SOAK_DATA, a JSON file) and
starts locust headless against the cluster. Every response other than the expected one counts as
an error (locust's failures)."""

import json
import os
import random

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["SOAK_DATA"]).read())  # noqa: SIM115


def page(user: HttpUser, url: str, name: str) -> None:
    """GET a page; anything but 200 (a redirect to the log-in page included) is an error."""
    with user.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"status {response.status_code}")


class Teacher(HttpUser):
    """A project founder: dashboard, own project, its TwinSpace, partner search, forum, notifications."""

    weight = 6
    wait_time = between(1, 3)

    def on_start(self):
        me = random.choice(DATA["teachers"])
        self.project = me["project"]
        self.client.cookies.set("sessionid", me["session"])

    @task(4)
    def dashboard(self):
        page(self, "/dashboard/", "dashboard")

    @task(3)
    def project_page(self):
        page(self, f"/projects/{self.project}/", "project page")

    @task(4)
    def twinspace(self):
        page(self, f"/twinspace/{self.project}/", "TwinSpace home")

    @task(3)
    def partner_search(self):
        word = random.choice(["ahmet", "maria", "mehmet", "anna", "fatma", "giulia", "english", "math"])
        page(self, f"/teachers/?q={word}", "partner search")

    @task(2)
    def notifications(self):
        page(self, "/notifications/", "notifications")

    @task(1)
    def forum_post(self):
        """Read the forum; start a discussion as the page's own form would, when the page offers it
        (a TwinSpace that is archived, closed or still being moved shows no form: nobody posts there)."""
        forum = f"/twinspace/{self.project}/forum/"
        with self.client.get(forum, name="forum", allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return
            offered = 'name="title"' in response.text
        if not offered:
            return
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(forum, name="forum: new thread", allow_redirects=False, catch_response=True,
                              data={"title": "Soak thread", "body": "Hello from the soak.", "csrfmiddlewaretoken": token},
                              headers={"Referer": self.host + forum}) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")


class Coordinator(HttpUser):
    """A provincial coordinator: the validation queue and the directory."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        self.client.cookies.set("sessionid", random.choice(DATA["coordinators"]))

    @task(3)
    def queue(self):
        page(self, "/validation/", "validation queue")

    @task(1)
    def directory(self):
        page(self, "/coordinators/", "coordinators directory")

    @task(1)
    def own_dashboard(self):
        page(self, "/dashboard/", "dashboard (coordinator)")


class Pupil(HttpUser):
    """A pupil: logs in with a code, reads the TwinSpace."""

    weight = 2
    wait_time = between(1, 4)

    def on_start(self):
        me = random.choice(DATA["pupils"])
        self.project = me["project"]
        page(self, "/twinspace/pupils/login/", "pupil log-in")
        with self.client.post("/twinspace/pupils/login/", name="pupil log-in", allow_redirects=False,
                              catch_response=True, headers={"Referer": self.host + "/twinspace/pupils/login/"},
                              data={"code": me["code"], "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
                              ) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")

    @task(3)
    def twinspace(self):
        page(self, f"/twinspace/{self.project}/", "TwinSpace home (pupil)")

    @task(1)
    def materials(self):
        page(self, f"/twinspace/{self.project}/materials/", "materials (pupil)")
