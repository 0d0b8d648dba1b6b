"""The performance page reads each indicator's rows once for the period and the one before
it (rows counted on their own date in one query over both), and attributes every row to its
team and worker in one query: its query count does not grow with the number of rows, nor
with the user's scope."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from performance import drill

from .test_views import PERIOD, borough  # noqa: F401  (the fixture)

# The catalogue's queries for two periods (those read "as at" twice), the allocations, the
# population, targets and comparators, and the page's own (session, user, navigation).
PAGE_MAX = 100


def _shape(sql: str) -> str:
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


@pytest.mark.parametrize("who", ["analyst", "team_manager"])
def test_the_performance_page_makes_a_bounded_number_of_queries(
    client,
    request,
    monkeypatch,
    borough,  # noqa: F811
    who,
    django_assert_max_num_queries,
):
    user = request.getfixturevalue(who)
    reads: list[int] = []
    monkeypatch.setattr(drill, "_spells", lambda people, read=drill._spells: reads.append(1) or read(people))
    client.force_login(user)
    client.get(reverse("performance:index"), {"period": PERIOD})
    reads.clear()
    with django_assert_max_num_queries(PAGE_MAX) as captured:
        page = client.get(reverse("performance:index"), {"period": PERIOD})
    assert page.status_code == 200
    shapes = Counter(_shape(q["sql"]) for q in captured.captured_queries)
    # No statement once per row: each indicator's at most once for each of the two periods
    # (the two placement measures share one statement; the workforce measures each read the
    # standard in force).
    assert max(shapes.values()) <= 6, shapes.most_common(1)
    # The rows' teams and workers: one read of the allocations, whatever the rows.
    assert len(reads) == (0 if who == "analyst" else 1)
