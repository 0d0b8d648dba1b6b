"""Search terms kept out of addresses.

What someone types to find a person (a name, a date of birth, an NHS number, a postcode) is
personal data, and an address carrying it ends up in the browser's history, the proxy's and
the web server's access logs. So a search form is posted (with its CSRF token), its terms
are kept in the server-side session under a short random token, and the browser is sent on
to the results at `?s=<token>`: post, redirect, get. The results page can be reloaded, paged
(`?s=<token>&page=2`) and returned to with the back button, and the address says nothing
about whom was looked for. A token lasts `LIFETIME` and only in the session that made it;
an expired one gives the empty form again with a message to search again.
"""

import secrets
import time
from collections.abc import Iterable

from django.http import HttpRequest, QueryDict

SESSION_KEY = "harbour_search_terms"
PARAMETER = "s"
LIFETIME = 60 * 60  # seconds
KEEP = 20  # the most recent searches kept in a session
_NOT_TERMS = {"csrfmiddlewaretoken"}


def keep(request: HttpRequest, fields: Iterable[str] | None = None) -> str:
    """Keep the posted form's terms (only `fields`, if given) and return their token."""
    wanted = set(fields) if fields is not None else None
    terms = {
        name: values
        for name, values in request.POST.lists()
        if name not in _NOT_TERMS and (wanted is None or name in wanted)
    }
    now = time.time()
    store = {
        token: entry
        for token, entry in request.session.get(SESSION_KEY, {}).items()
        if now - entry["at"] < LIFETIME
    }
    token = secrets.token_urlsafe(12)
    store[token] = {"at": now, "terms": terms}
    newest = sorted(store.items(), key=lambda item: item[1]["at"])[-KEEP:]
    request.session[SESSION_KEY] = dict(newest)
    return token


def address(path: str, token: str, **extra: str) -> str:
    """The results address for a kept search: the path and the token (and record keys)."""
    query = QueryDict(mutable=True)
    query[PARAMETER] = token
    for name, value in extra.items():
        if value:
            query[name] = value
    return f"{path}?{query.urlencode()}"


def recall(request: HttpRequest) -> QueryDict | None:
    """The terms behind the address's token, to bind the search form to; None when the
    address has no token, or its token is unknown here or expired."""
    token = request.GET.get(PARAMETER, "")
    entry = request.session.get(SESSION_KEY, {}).get(token) if token else None
    if not entry or time.time() - entry["at"] >= LIFETIME:
        return None
    terms = QueryDict(mutable=True)
    for name, values in entry["terms"].items():
        terms.setlist(name, values)
    return terms


def expired(request: HttpRequest) -> bool:
    """The address carries a token that no longer finds its terms."""
    return bool(request.GET.get(PARAMETER)) and recall(request) is None
