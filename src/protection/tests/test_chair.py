"""The chair's page: initial conferences waiting and the review conferences of the plans they
chair, each with how its date stands (GOV.UK tags, overdue in red), and the plans' signals
stacked as a list, never run together; restricted records masked."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from people.tests.factories import make_person, restrict
from plans.tests.factories import SMART
from protection import services
from protection.tests.factories import initial_conference, make_referral, start_s47


@pytest.fixture
def chair(make_user):
    return make_user(Role.CP_CHAIR, "cp.chair", first_name="Chris", last_name="Chair")


def _child(actor, given: str):  # type: ignore[no-untyped-def]
    return make_person(actor, given, "Child", sex="F", ethnicity="WBRI")


@pytest.fixture
def chaired_plan(child, social_worker, chair):
    referral = make_referral(child, social_worker, date(2025, 12, 1))
    plan = initial_conference(referral, chair, start_s47(referral, social_worker)).plan
    services.update_plan(actor=chair, plan=plan, worries="Bruising", goals="Safe at home")
    services.add_action(actor=social_worker, plan=plan, data={**SMART, "by_when": date(2026, 2, 1)})
    services.sign_off_plan(actor=chair, plan=plan, on=date(2026, 1, 5))
    return plan


def _section(html: str, anchor: str) -> str:
    return html.split(f'id="{anchor}"')[1].split("</table>")[0]


def test_chair_sees_pending_initial_conferences_with_overdue_and_due_tags(
    chaired_plan, social_worker, chair, client_for
):
    late = _child(social_worker, "Lola")
    start_s47(make_referral(late, social_worker, date(2026, 2, 2)), social_worker, date(2026, 2, 3))
    soon = _child(social_worker, "Sami")
    today = timezone.localdate()
    start_s47(make_referral(soon, social_worker, today - timedelta(days=1)), social_worker, today)
    html = client_for(chair).get(reverse("protection:chair")).content.decode()
    pending = _section(html, "initial-conferences")
    assert "Lola Child" in pending and "Sami Child" in pending
    assert "Amelia" not in pending  # her initial conference was held
    assert pending.index("Lola Child") < pending.index("Sami Child")  # soonest due first
    assert re.search(r'govuk-tag--red">Overdue by \d+ days<', pending)
    assert re.search(r'govuk-tag--grey">Due in \d+ days?<', pending)
    assert "Enquiry under way" in pending


def test_chair_sees_the_review_conferences_of_the_plans_they_chair(chaired_plan, chair, client_for):
    html = client_for(chair).get(reverse("protection:chair")).content.decode()
    reviews = _section(html, "review-conferences")
    assert "Amelia Hughes" in reviews
    assert chaired_plan.first_review_due.strftime("%-d %B %Y") in reviews
    assert re.search(r'govuk-tag--red">Overdue by \d+ days<', reviews)


def test_signals_are_stacked_as_a_list_not_run_together(chaired_plan, chair, client_for):
    html = client_for(chair).get(reverse("protection:chair")).content.decode()
    plans = _section(html, "plans")
    signals = plans.split("hb-tag-list")[1].split("</ul>")[0]
    tags = re.findall(r'<li><strong class="govuk-tag govuk-tag--red">[^<]+</strong></li>', signals)
    assert len(tags) >= 2  # core group and visit both overdue a year on
    assert "</strong> <strong" not in plans and "</strong><strong" not in plans
    page = client_for(chair).get(reverse("protection:plan", args=[chaired_plan.pk])).content.decode()
    assert "hb-tag-list" in page and "</strong> <strong" not in page


def test_restricted_pending_conference_is_masked(social_worker, chair, make_user, client_for):
    hidden = _child(social_worker, "Hidden")
    start_s47(make_referral(hidden, social_worker, date(2026, 2, 2)), social_worker, date(2026, 2, 3))
    restrict(make_user(Role.SERVICE_MANAGER, "keeper"), hidden)
    html = client_for(chair).get(reverse("protection:chair")).content.decode()
    pending = _section(html, "initial-conferences")
    assert "Restricted record" in pending and "Hidden" not in html


def test_chair_page_refused_to_a_social_worker(social_worker, client_for):
    assert client_for(social_worker).get(reverse("protection:chair")).status_code == 403
