"""Every page, as a role allowed to see it, has zero axe violations — and so has its
error state when its form is sent empty.

The pages come from the URL resolver (tests/urlwalk.py), so a newly routed page is swept
the moment it exists. Users are signed in by session cookie (the sign-in journey itself is
covered in test_journeys.py), which keeps the sweep fast.
"""

from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from accounts.permissions import ROLE_PERMISSIONS, Permission, Role
from casework.services import record_visit
from people import services as people
from workforce import services as workforce
from workforce.models import AllocationRole

from ..urlwalk import KNOWN_KWARGS, Endpoint, walk_urls
from .conftest import assert_accessible

pytestmark = pytest.mark.system

# Who looks at each page: the first role in this order that is allowed to.
ROLE_ORDER = [
    Role.TEAM_MANAGER,
    Role.SOCIAL_WORKER,
    Role.AUDITOR,
    Role.ADMIN,
    Role.SERVICE_MANAGER,
    Role.PERFORMANCE,
    Role.FRONT_DOOR,
    Role.CP_CHAIR,
    Role.IRO,
    Role.EARLY_HELP,
    Role.PARTNER,
]
SKIP = {"accounts:sign_out", "health"}


def _viewer(endpoint: Endpoint) -> Role | None:
    required = endpoint.required
    if required in ("public", "authenticated"):
        return Role.SOCIAL_WORKER
    return next((r for r in ROLE_ORDER if Permission(required) in ROLE_PERMISSIONS[r]), None)


def _sweepable() -> list[Endpoint]:
    return [e for e in walk_urls() if e.name not in SKIP and set(e.kwargs) <= KNOWN_KWARGS]


def _sign_in_by_cookie(page: Page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def _try_empty_submit(page: Page) -> bool:
    """Send the page's main form empty; True if it came back with an error summary."""
    form = page.locator("main form[method=post]").filter(has=page.locator(".govuk-form-group")).first
    if form.count() == 0:
        return False
    for field in form.locator("input[type=text], textarea").all():
        field.fill("")
    form.locator("button[type=submit], button:not([type])").first.click()
    return page.locator(".govuk-error-summary").count() > 0


def test_every_page_and_its_error_state_is_accessible(open_page, live_server, make_user, team, team_manager):
    """Given a child with a network, an address, an allocation and a visit, when each page
    is opened by a role allowed to see it, then axe finds nothing; and when its form is sent
    empty, the error page is accessible too."""
    worker = make_user(Role.SOCIAL_WORKER, "sweep.worker", registered_social_worker=True)
    child = people.create_person(
        actor=worker,
        data={
            "record_type": "CHILD",
            "given_name": "Ava",
            "family_name": "Sweep",
            "date_of_birth": date(2016, 5, 4),
            "sex": "F",
            "ethnicity": "WBRI",
        },
        address=people.NewAddress(
            line_1="1 Test Street", town="Harbourside", postcode="HB1 1AA", start_date=date(2020, 1, 1)
        ),
    )
    parent = people.create_person(
        actor=worker,
        data={"record_type": "ADULT", "given_name": "Sam", "family_name": "Sweep", "sex": "M"},
    )
    people.add_relationship(
        actor=worker,
        person_a=parent,
        person_b=child,
        type="PARENT",
        parental_responsibility=True,
        lives_with=True,
    )
    workforce.allocate(
        actor=team_manager,
        person=child,
        worker=worker,
        team=team,
        role=AllocationRole.SOCIAL_WORKER,
        start_date=date(2024, 1, 1),
    )
    record_visit(
        actor=worker,
        person=child,
        kind="CIN",
        visited_on=date(2024, 2, 1),
        child_seen=True,
        seen_alone=True,
        child_said="I like my school.",
    )

    users = {Role.TEAM_MANAGER: team_manager, Role.SOCIAL_WORKER: worker}
    pages: dict[Role, Page] = {}
    failures: list[str] = []
    swept = 0
    for endpoint in _sweepable():
        role = _viewer(endpoint)
        if role is None:
            continue
        user = users.get(role) or users.setdefault(role, make_user(role, f"sweep.{role.value}"))
        if role not in pages:
            pages[role] = open_page()
            _sign_in_by_cookie(pages[role], live_server, user)
        page = pages[role]
        path = endpoint.path({"person_id": child.pk, "team_id": team.pk, "user_id": worker.pk})
        try:
            response = page.goto(live_server.url + path)
        except PlaywrightError:  # e.g. a POST-only page answering GET with an empty 405
            continue
        if (
            response is None
            or response.status != 200
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        swept += 1
        for state in ("page", "errors"):
            if state == "errors" and not _try_empty_submit(page):
                break
            try:
                assert_accessible(page)
            except pytest.fail.Exception as exc:
                failures.append(f"{endpoint.name} ({state}, as {role.value}): {exc}")
    assert swept >= 15, f"only {swept} pages were swept"
    assert not failures, "\n\n".join(failures)
