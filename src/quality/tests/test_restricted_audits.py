"""A case audit asked of an auditor whose child's record is restricted: My work offers the
audit (a link to its form, the child named) exactly when the access door would let the
auditor into the child's record, an assigned auditor and a partner auditor alike; otherwise it
is listed unnamed and unlinked, as the audits page lists it."""

import pytest
from django.urls import reverse

from accounts.permissions import Role
from core.presenters import RESTRICTED_NAME
from people import access
from people.services import lift_restriction
from people.tests.factories import restrict
from quality import worklist
from quality.models import ProgrammeCase

from .conftest import day
from .factories import multi_agency_programme

TITLE = "Case audit to do (Multi-agency audit)"


@pytest.fixture
def lead(make_user):
    return make_user(Role.AUDITOR, "qa.lead", team=None)


@pytest.fixture
def partner(make_user):
    return make_user(Role.PARTNER, "health.auditor", first_name="Hana", last_name="Health", team=None)


@pytest.fixture
def reviewer(make_user):
    """A team manager of another team, who audits cases (and has a My work)."""
    return make_user(Role.TEAM_MANAGER, "audit.manager", first_name="Ada", team=None)


@pytest.fixture(params=["assigned auditor", "partner auditor"])
def auditor(request, lead, reviewer, partner, allocated):
    """The programme's case of the allocated child is asked of the reviewer (its assigned
    auditor) and of the partner (a partner auditor of the programme, given access to the child)."""
    programme = multi_agency_programme(lead, partner)
    ProgrammeCase.objects.filter(programme=programme).update(auditor=reviewer)
    return reviewer if request.param == "assigned auditor" else partner


def _my_work(client_for, user) -> str:
    return client_for(user).get(reverse("workforce:my_work")).content.decode()


def _offered(client_for, auditor, child) -> bool:
    """Whether My work offers the audit: named, and linked to its form and the child's record;
    checking that, offered or not, it is listed."""
    [asked] = worklist.asked_of(auditor, day(0))
    page = _my_work(client_for, auditor)
    assert asked.title == TITLE and TITLE in page
    offered = f'href="{reverse("quality:new_audit", args=[child.pk])}"' in page
    assert offered == (asked.link != "") == (child.display_name in page)
    assert offered == (f'href="{reverse("people:detail", args=[child.pk])}"' in page)
    assert (asked.person_name == RESTRICTED_NAME) == (RESTRICTED_NAME in page) == (not offered)
    return offered


def _door_opens(client_for, auditor, child) -> bool:
    opens = access.may_open(auditor, child.pk)
    status = client_for(auditor).get(reverse("quality:new_audit", args=[child.pk])).status_code
    assert status == (200 if opens else 403)
    return opens


def test_an_audit_of_a_restricted_child_the_auditor_is_not_let_into_is_listed_but_not_offered(
    client_for, auditor, allocated, team_manager
):
    restrict(team_manager, allocated)

    assert _offered(client_for, auditor, allocated) is False
    assert _door_opens(client_for, auditor, allocated) is False


def test_an_audit_of_a_restricted_child_is_offered_to_an_auditor_named_on_the_restriction(
    client_for, auditor, allocated, team_manager
):
    restrict(team_manager, allocated, named_users=[auditor])

    assert _offered(client_for, auditor, allocated) is True
    assert _door_opens(client_for, auditor, allocated) is True


def test_an_audit_is_offered_again_once_the_restriction_is_lifted(
    client_for, auditor, allocated, team_manager
):
    restrict(team_manager, allocated)
    lift_restriction(actor=team_manager, person=allocated, reason="No longer needed")

    assert _offered(client_for, auditor, allocated) is True
    assert _door_opens(client_for, auditor, allocated) is True
