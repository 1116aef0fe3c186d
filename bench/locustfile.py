"""The soak's simulated users (locust): teachers, coordinators and pupils on their usual journeys.

Run by bench/soak.py, which prepares the sessions and pupil codes (SOAK_DATA, a JSON file) and
starts locust headless against the cluster. Every response other than the expected one counts as
an error (locust's failures)."""

import json
import os
import random

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["SOAK_DATA"]).read())  # noqa: SIM115


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
        self.client.get("/dashboard/", name="dashboard")

    @task(3)
    def project_page(self):
        self.client.get(f"/projects/{self.project}/", name="project page")

    @task(4)
    def twinspace(self):
        self.client.get(f"/twinspace/{self.project}/", name="TwinSpace home")

    @task(3)
    def partner_search(self):
        word = random.choice(["ahmet", "maria", "mehmet", "anna", "fatma", "giulia", "english", "math"])
        self.client.get(f"/teachers/?q={word}", name="partner search")

    @task(2)
    def notifications(self):
        self.client.get("/notifications/", name="notifications")

    @task(1)
    def forum_post(self):
        forum = f"/twinspace/{self.project}/forum/"
        self.client.get(forum, name="forum")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(forum, name="forum: new thread", allow_redirects=False, catch_response=True,
                              data={"title": "Soak thread", "body_html": "<p>Hello</p>", "csrfmiddlewaretoken": token},
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
        self.client.get("/validation/", name="validation queue")

    @task(1)
    def directory(self):
        self.client.get("/coordinators/", name="coordinators directory")

    @task(1)
    def nss_dashboard(self):
        self.client.get("/dashboard/", name="dashboard")


class Pupil(HttpUser):
    """A pupil: logs in with a code, reads the TwinSpace."""

    weight = 2
    wait_time = between(1, 4)

    def on_start(self):
        me = random.choice(DATA["pupils"])
        self.project = me["project"]
        self.client.get("/twinspace/pupils/login/", name="pupil log-in")
        with self.client.post("/twinspace/pupils/login/", name="pupil log-in", allow_redirects=False,
                              catch_response=True, headers={"Referer": self.host + "/twinspace/pupils/login/"},
                              data={"code": me["code"], "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
                              ) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")

    @task(3)
    def twinspace(self):
        self.client.get(f"/twinspace/{self.project}/", name="TwinSpace home (pupil)")

    @task(1)
    def materials(self):
        self.client.get(f"/twinspace/{self.project}/materials/", name="materials (pupil)")
