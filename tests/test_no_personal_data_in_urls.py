"""No personal data in addresses: every search and filter form is walked, filled in with a
name, a date of birth, an NHS number and a postcode, and sent as a browser would send it;
none of those values may appear in any address the browser then visits or is offered
(the form's own address, every redirect, every link and form on the result), since
addresses end up in browser history and in proxy and server logs. And Django's and the web
server's request logs lose query strings."""

import logging
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote_plus, urljoin, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from accounts.permissions import Role
from accounts.sessions import SIGN_IN_METHOD
from core import search_terms
from frontdoor import services as frontdoor
from people.tests.factories import make_person

# What a person might be searched for by, field by field (a GOV.UK date is three boxes).
TYPED = {
    "q": "Zebedee Quartermaine",
    "given_name": "Zebedee",
    "family_name": "Quartermaine",
    "nhs_number": "943 476 5919",
    "postcode": "LS1 4AP",
    "date_of_birth-day": "14",
    "date_of_birth-month": "2",
    "date_of_birth-year": "1999",
}
TELLTALES = ("zebedee", "quartermaine", "9434765919", "943 476 5919", "ls1 4ap", "ls14ap", "1999")


class _Forms(HTMLParser):
    """The forms on a page (method, action, fields) and every address the page offers."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(
                {"method": a.get("method", "get").lower(), "action": a.get("action", ""), "fields": {}}
            )
            self.addresses.append(a.get("action", ""))
        elif tag in ("input", "select", "textarea") and self.forms and a.get("name"):
            if a.get("type") in ("checkbox", "radio", "submit") and "checked" not in a:
                return
            self.forms[-1]["fields"].setdefault(a["name"], a.get("value", ""))
        elif tag == "a" and a.get("href"):
            self.addresses.append(a["href"])


def _parse(html: str) -> _Forms:
    parser = _Forms()
    parser.feed(html)
    return parser


def _leaks(address: str) -> list[str]:
    text = unquote_plus(address).lower()
    return [t for t in TELLTALES if t in text]


def _walk(client, page: str) -> int:
    """Send every form on `page` that asks for personal details; fail on a leak. Returns
    how many such forms were sent."""
    sent = 0
    for form in _parse(client.get(page).content.decode()).forms:
        personal = [name for name in form["fields"] if name.removeprefix("new-") in TYPED]
        if not personal:
            continue
        data = {**form["fields"], **{name: TYPED[name.removeprefix("new-")] for name in personal}}
        action = urljoin(page, form["action"] or page)
        if form["method"] == "post":
            response = client.post(action, data, follow=True)
            visited = [action]
        else:
            response = client.get(action, data, follow=True)
            visited = [response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", "")]
            visited.append(f"{urlsplit(action).path}?{'&'.join(f'{k}={v}' for k, v in data.items())}")
        visited += [url for url, _ in response.redirect_chain]
        result = _parse(response.content.decode())
        for address in visited + result.addresses:
            assert not _leaks(address), f"{page}: a form puts {_leaks(address)} in the address {address}"
        assert search_terms.PARAMETER not in form["fields"]
        sent += 1
    return sent


def _two_factor(client, user):
    client.force_login(user)
    session = client.session
    session[SIGN_IN_METHOD] = "password+totp"
    session.save()
    return client


@pytest.mark.django_db
def test_search_and_filter_forms_keep_personal_details_out_of_addresses(client, make_user, child):
    worker = make_user(Role.SOCIAL_WORKER, "walk.worker", registered_social_worker=True)
    make_person(worker, "Zebedee", "Quartermaine", date_of_birth=date(1999, 2, 14))
    screener = make_user(Role.FRONT_DOOR, "walk.screener", registered_social_worker=True)
    contact = frontdoor.record_contact(
        actor=screener,
        received_at=timezone.now(),
        channel="PHONE",
        source="2A",
        concern="Worried about a child.",
        consent="GIVEN",
        children=[],
        referrer_name="Ms Head",
        referrer_agency="Primary school",
    )

    sent = 0
    _two_factor(client, worker)
    for page in ("/", "/people/search/", f"/people/search/?relate_to={child.pk}", f"/people/{child.pk}/"):
        sent += _walk(client, page)
    _two_factor(client, screener)
    sent += _walk(client, f"/front-door/contacts/{contact.pk}/children/add/")
    _two_factor(client, make_user(Role.ADMIN, "walk.admin"))
    sent += _walk(client, "/accounts/users/")
    _two_factor(client, make_user(Role.AUDITOR, "walk.auditor"))
    sent += _walk(client, "/audit/")

    # The header search on each page, the person search, the front door's duplicate check
    # (and its new-record form), the account and audit user searches.
    assert sent >= 9


@pytest.mark.django_db
def test_search_results_page_and_come_back_by_token_only(client, social_worker, child):
    client.force_login(social_worker)

    posted = client.post("/people/search/", {"q": "Amelia Hughes"})
    results = client.get(posted.url)

    assert posted.status_code == 302 and urlsplit(posted.url).query.startswith(f"{search_terms.PARAMETER}=")
    assert "Amelia" not in posted.url and "Amelia Hughes" in results.content.decode()
    assert 'value="Amelia Hughes"' in results.content.decode()  # the form keeps what was typed
    again = client.get(posted.url).content.decode()  # reload, or come back with the back button
    assert again.count("Amelia Hughes") == results.content.decode().count("Amelia Hughes") > 0


@pytest.mark.django_db
def test_search_token_from_another_session_or_expired_shows_nothing(
    client, social_worker, child, monkeypatch
):
    client.force_login(social_worker)
    url = client.post("/people/search/", {"q": "Amelia Hughes"}).url

    other = Client()
    other.force_login(social_worker)
    assert "Amelia Hughes" not in other.get(url).content.decode()

    monkeypatch.setattr(search_terms, "LIFETIME", 0)
    page = client.get(url).content.decode()
    assert "Amelia Hughes" not in page and "That search has ended. Search again." in page


def test_request_logs_pass_through_the_redacting_filter_when_configured():
    from core.logging import RedactPersonalDataFilter

    for name in ("django.server", "django.request", "django"):
        logger = logging.getLogger(name)
        while logger is not None:
            for handler in logger.handlers:
                if type(handler).__module__.startswith("_pytest"):
                    continue  # the test runner's own capture
                assert any(isinstance(f, RedactPersonalDataFilter) for f in handler.filters), (name, handler)
            logger = logger.parent if logger.propagate else None


def test_web_server_access_log_leaves_out_query_strings():
    config: dict = {}
    exec((Path(__file__).parents[1] / "gunicorn.conf.py").read_text(), config)  # noqa: S102

    assert "%(U)s" in config["access_log_format"]
    assert "%(r)s" not in config["access_log_format"] and "%(q)s" not in config["access_log_format"]


@pytest.mark.django_db
def test_account_search_pages_by_token_without_the_name_in_the_address(client, make_user):
    from accounts.views import users

    for n in range(users.USERS_PAGE_SIZE + 1):
        make_user(Role.EARLY_HELP, f"paged.{n}", last_name="Pagington")
    _two_factor(client, make_user(Role.ADMIN, "paging.admin"))

    first = client.post("/accounts/users/", {"q": "Pagington"}, follow=True)
    links = [a for a in _parse(first.content.decode()).addresses if "page=2" in a]
    second = client.get(urljoin("/accounts/users/", links[0]))

    assert (
        len(links) == 1 and "pagington" not in links[0].lower() and f"{search_terms.PARAMETER}=" in links[0]
    )
    page = second.content.decode()
    assert "Page 2 of 2" in page and "Accounts matching “Pagington”" in page and "paged.9" in page
