"""50 practitioners doing realistic work (loadtest/README.md).

Each simulated user is one demo practitioner with their own session and caseload:
- look at "My work" (the caseload and what is due),
- search for a child by surname,
- open a child's page from their caseload,
- record a visit to a child (open the form, post it) now and then,
- write a case note: open the form, autosave the draft as they type, then finalise it.
Requests are named by page so the report gives p50/p95/p99 per page.
"""

import itertools
import json
import os
import random
import re
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from locust import HttpUser, between, task

_SESSIONS = json.loads(open(os.environ["LOADTEST_SESSIONS"]).read())  # noqa: SIM115
_NEXT = itertools.count()
_LOCK = threading.Lock()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Practitioner(HttpUser):
    wait_time = between(1, 4)  # a person reading and typing, not a robot

    def on_start(self) -> None:
        with _LOCK:
            me = _SESSIONS[next(_NEXT) % len(_SESSIONS)]
        self.me = me
        self.client.cookies.set(me["cookie"], me["session"])

    def _child(self) -> int:
        return random.choice(self.me["caseload"])

    @task(4)
    def my_work(self) -> None:
        self.client.get("/work/my-work/", name="my work (caseload)")

    @task(4)
    def search(self) -> None:
        # Posted, then the results at their token, as the search form does (no names in addresses).
        surname = random.choice(self.me["surnames"])
        token = self._form_token("/people/search/", "search form")
        if token is None:
            return
        self.client.post("/people/search/", data={"csrfmiddlewaretoken": token, "q": surname}, name="search")

    @task(8)
    def child_page(self) -> None:
        self.client.get(f"/people/{self._child()}/", name="child's page")

    def _form_token(self, url: str, name: str) -> str | None:
        with self.client.get(url, name=name, catch_response=True) as form:
            token = _CSRF.search(form.text or "")
            if not token:
                form.failure(f"no CSRF token on the {name}")
                return None
            return token.group(1)

    @task(1)
    def write_case_note(self) -> None:
        child = self._child()
        url = f"/casework/people/{child}/notes/new/"
        token = self._form_token(url, "case note form")
        if token is None:
            return
        today = datetime.now(ZoneInfo("Europe/London")).date()
        data = {
            "csrfmiddlewaretoken": token,
            "kind": "DIRECT_WORK",
            "occurred_on-day": str(today.day),
            "occurred_on-month": str(today.month),
            "occurred_on-year": str(today.year),
            "title": "Direct work: my family tree",
            "body": "We drew their family tree together. They put their nan and their dog at the centre.",
            "child_seen": "yes",
            "seen_alone": "yes",
            "version": "0",
        }
        headers = {"Referer": f"{self.host}{url}", "X-CSRFToken": token}
        with self.client.post(
            f"{url}autosave/", data=data, headers=headers, name="case note autosave", catch_response=True
        ) as saved:
            if saved.status_code != 201:
                saved.failure(f"draft not autosaved: HTTP {saved.status_code}")
                return
            draft = saved.json()
        edit = draft["edit_url"]
        data.update(version=str(draft["version"]), action="finalise")
        with self.client.post(
            edit,
            data=data,
            headers={"Referer": f"{self.host}{edit}"},
            name="case note finalise (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"case note not finalised: HTTP {response.status_code}")

    @task(1)
    def record_visit(self) -> None:
        child = self._child()
        url = f"/casework/people/{child}/visits/new/?kind=CIN"
        token = self._form_token(url, "visit form")
        if token is None:
            return
        today = datetime.now(ZoneInfo("Europe/London")).date()
        with self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": token,
                "kind": "CIN",
                "visited_on-day": str(today.day),
                "visited_on-month": str(today.month),
                "visited_on-year": str(today.year),
                "child_seen": "yes",
                "seen_alone": "on",
                "child_said": "Talked about school and their football team.",
            },
            headers={"Referer": f"{self.host}{url}"},
            name="record visit (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"visit not saved: HTTP {response.status_code}")
