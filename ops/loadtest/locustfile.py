"""Load test (locust): a mix of staff pages, API reads and writes, and the client portal.

    LOADTEST_TEAM_EMAIL=... LOADTEST_CLIENT_EMAIL=... LOADTEST_PORTAL=acme \
    LOADTEST_API_KEY=... LOADTEST_PASSWORD=... \
    locust -f ops/loadtest/locustfile.py --host http://127.0.0.1:8000 \
        --headless -u 500 -r 25 -t 10m --csv bench-results/loadtest

Never imported by the test process (locust patches the standard library with gevent);
ops/tests/test_loadtest.py runs it as a subprocess.
"""

import os
import random
import re
import uuid

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def sign_in(client, path: str, email: str) -> None:
    page = client.get(path, name=f"{path} (form)")
    token = CSRF.search(page.text)
    client.post(
        path,
        data={"username": email, "password": PASSWORD,
              "csrfmiddlewaretoken": token.group(1) if token else ""},
        headers={"Referer": client.base_url + path},
        name=f"{path} (sign in)",
    )  # fmt: skip


class Staff(HttpUser):
    """A team member working through the dashboard."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        sign_in(self.client, "/accounts/login/", os.environ["LOADTEST_TEAM_EMAIL"])

    @task(3)
    def home(self):
        self.client.get("/")

    @task(3)
    def deliverables(self):
        self.client.get("/deliverables/", params={"status": random.choice(["", "in_review"])})

    @task(2)
    def task_list(self):
        self.client.get("/tasks/")

    @task(1)
    def clients(self):
        self.client.get("/clients/")

    @task(1)
    def shoots(self):
        self.client.get("/shoots/")


class Integration(HttpUser):
    """An integration with an API key: reads, and about a third writes (creates and
    updates), so that writes are about 20% of all requests of the mix."""

    weight = 3
    wait_time = between(0.5, 2)

    def on_start(self):
        self.client.headers["Authorization"] = f"Api-Key {os.environ['LOADTEST_API_KEY']}"
        self.mine: list[str] = []

    @task(4)
    def list_deliverables(self):
        self.client.get("/api/deliverables", params={"page_size": 25}, name="/api/deliverables")

    @task(3)
    def list_clients(self):
        self.client.get("/api/clients", name="/api/clients")

    @task(2)
    def list_tasks(self):
        self.client.get("/api/tasks", name="/api/tasks")

    @task(1)
    def events(self):
        self.client.get("/api/events", name="/api/events")

    @task(3)
    def create_client(self):
        response = self.client.post(
            "/api/clients",
            json={
                "name": "Load Test Café",
                "client_portal_subdomain": f"lt{uuid.uuid4().hex[:10]}",
            },
            name="/api/clients (create)",
        )
        if response.status_code == 201:
            self.mine = [*self.mine[-20:], response.json()["id"]]

    @task(3)
    def update_client(self):
        if not self.mine:
            self.create_client()
            return
        self.client.patch(
            f"/api/clients/{random.choice(self.mine)}",
            json={"name": f"Load Test Café {random.randint(1, 999)}"},
            name="/api/clients/[id] (update)",
        )


class PortalClient(HttpUser):
    """A client reading its portal (path form: /portal/<subdomain>/)."""

    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        self.base = f"/portal/{os.environ['LOADTEST_PORTAL']}"
        sign_in(self.client, f"{self.base}/sign-in/", os.environ["LOADTEST_CLIENT_EMAIL"])

    @task(3)
    def home(self):
        self.client.get(f"{self.base}/", name="/portal/[sub]/")

    @task(2)
    def deliverables(self):
        self.client.get(f"{self.base}/deliverables/", name="/portal/[sub]/deliverables/")

    @task(1)
    def portal_requests(self):
        self.client.get(f"{self.base}/requests/", name="/portal/[sub]/requests/")
