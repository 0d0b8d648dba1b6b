"""Browser journeys: Playwright (Chromium) against Django's live server, checked with axe.

Run them with `make test-system` (installs Chromium with apt-get when it is missing) or
`pytest -m system`. Every test here is marked `system`; `make test-unit` leaves them out.

Environment variables:

HARBOUR_CHROMIUM
    The Chromium executable (default `/usr/bin/chromium`, the Debian package). Browser
    downloads by Playwright are not used. Pointing it at a path that does not exist is
    also how to check the rule below, e.g.
    `HARBOUR_CHROMIUM=/nonexistent pytest -m system` skips every journey, and
    `HARBOUR_CHROMIUM=/nonexistent HARBOUR_REQUIRE_BROWSER=1 pytest -m system` fails.
HARBOUR_REQUIRE_BROWSER=1
    Set by `.ci/run`. A journey that cannot run is a failure, not a skip: without
    Chromium every journey errors, and any system test skipped for another reason
    turns the exit status non-zero (see `pytest_sessionfinish`).

Helpers: `sign_in(page, live_server, username, password)` uses the real sign-in form;
`assert_accessible(page)` runs axe on the page as it stands and fails listing each
violation. Pages opened without JavaScript (`open_page(javascript=False)`) cannot run
axe themselves, so their HTML is checked in a scripted twin page where the page's own
scripts are blocked by a Content-Security-Policy.
"""

import os
from collections.abc import Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = os.environ.get("HARBOUR_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("HARBOUR_REQUIRE_BROWSER") == "1"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PASSWORD = "harbour-test-password"  # noqa: S105 - the root conftest's make_user sets it
TIMEOUT_MS = 10_000

_axe = Axe()
_no_js_contexts: list[BrowserContext] = []
_skipped_system_tests: list[str] = []


def _missing_browser() -> str | None:
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return None
    return f"Chromium not found at {CHROMIUM} (run `make browser`, or set HARBOUR_CHROMIUM)"


# --- Skip without a browser; fail instead when HARBOUR_REQUIRE_BROWSER=1 -------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _missing_browser()
    if reason is None or REQUIRE_BROWSER:
        return  # with REQUIRE_BROWSER the `browser` fixture fails each journey instead
    for item in items:
        if item.get_closest_marker("system"):
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and "system" in report.keywords and not hasattr(report, "wasxfail"):
        _skipped_system_tests.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if REQUIRE_BROWSER and _skipped_system_tests and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if REQUIRE_BROWSER and _skipped_system_tests:
        terminalreporter.write_sep(
            "=", "HARBOUR_REQUIRE_BROWSER=1: skipped browser tests fail the run", red=True
        )
        for nodeid in _skipped_system_tests:
            terminalreporter.write_line(f"SKIPPED (counted as a failure) {nodeid}", red=True)


# --- Browser and pages -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    reason = _missing_browser()
    if reason is not None:
        if REQUIRE_BROWSER:
            pytest.fail(f"HARBOUR_REQUIRE_BROWSER=1 and {reason}", pytrace=False)
        pytest.skip(reason)
    # Playwright's sync API keeps an asyncio loop running in this thread while the browser
    # is open; Django would refuse the ORM calls of tests (and database set-up and flushes)
    # made beside it. The live server itself answers requests in its own thread.
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser, live_server) -> Iterator[Callable[..., Page]]:
    """Open a page in a new browser context (its own cookies: one signed-in user each)."""
    contexts: list[BrowserContext] = []

    def open_(*, javascript: bool = True) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale="en-GB",
            timezone_id="Europe/London",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if not javascript:
            _no_js_contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        if context in _no_js_contexts:
            _no_js_contexts.remove(context)
        context.close()


@pytest.fixture
def page(open_page: Callable[..., Page]) -> Page:
    return open_page()


# --- Helpers ---------------------------------------------------------------------------------


def sign_in(page: Page, live_server, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form; axe checks the sign-in page and the page it lands on."""
    page.goto(f"{live_server.url}/accounts/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Harbour")
    assert_accessible(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    complete_two_factor(page, username)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)


# Security stage: roles that can break the glass, manage users or read the audit must use
# two-factor sign-in (accounts.twofactor). The helper answers the extra step like a user
# with an authenticator app: on first sign-in it enrols with the secret shown on the page.
def _totp_code(secret: str, last_used_step: int = 0) -> str:
    import time

    import pyotp

    step = int(time.time() // 30)
    chosen = next(s for s in (step, step + 1) if s > last_used_step)  # never replay a used code
    return pyotp.TOTP(secret).at(chosen * 30)


def complete_two_factor(page: Page, username: str) -> None:
    """After the password: enrol (first time) or enter the current code, if asked."""
    from accounts.models import TotpDevice

    heading = page.get_by_role("heading", level=1)
    expect(heading).not_to_have_text("Sign in to Harbour")
    title = heading.inner_text()
    if title == "Set up two-factor sign-in":
        assert_accessible(page)
        secret = page.locator("#totp-secret").get_attribute("data-secret")
        assert secret
        page.get_by_label("Security code from your authenticator app").fill(_totp_code(secret))
        page.get_by_role("button", name="Confirm and continue").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
        page.get_by_role("button", name="I have saved my codes – continue").click()
    elif title == "Enter your security code":
        device = TotpDevice.objects.get(user__username=username)
        page.get_by_label("Security code").fill(_totp_code(device.secret, device.last_used_step))
        page.get_by_role("button", name="Continue").click()


def _axe_results(page: Page) -> dict:
    if page.context not in _no_js_contexts:
        return _run_axe_when_loaded(page)
    # axe needs JavaScript. Check the same HTML, at the same address with the same CSS,
    # in a scripted page whose own scripts are blocked, so the DOM stays the no-JS one.
    url, html = page.url.split("#", 1)[0], page.content()
    twin_context = page.context.browser.new_context(java_script_enabled=True)
    try:
        twin = twin_context.new_page()
        twin.route(
            lambda address: address == url,
            lambda route: route.fulfill(
                status=200,
                headers={
                    "Content-Type": "text/html; charset=utf-8",
                    "Content-Security-Policy": "script-src 'none'",
                },
                body=html,
            ),
        )
        twin.goto(url)
        return _run_axe_when_loaded(twin)
    finally:
        twin_context.close()


def _run_axe_when_loaded(page: Page) -> dict:
    """Run axe once the page's document has loaded.

    A click that navigates returns once the new address is committed, before the new
    document exists; axe run in that gap reads a null document. Wait for the load event,
    and run again once if a navigation still replaced the document under axe.
    """
    page.wait_for_load_state("load")
    try:
        return _axe.run(page).response
    except PlaywrightError as error:
        if "documentElement" not in str(error) and "context was destroyed" not in str(error):
            raise
        page.wait_for_load_state("load")
        return _axe.run(page).response


def assert_accessible(page: Page) -> None:
    """Run axe on the page; fail listing each violation (rule, impact, target)."""
    violations = _axe_results(page)["violations"]
    if not violations:
        return
    lines = [f"axe: {len(violations)} accessibility rule(s) broken on {page.url}"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    target {node['target']}" for node in violation["nodes"])
    pytest.fail("\n".join(lines), pytrace=False)
