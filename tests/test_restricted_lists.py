"""Every page that lists children, as each role, with a restricted child in the data: none
names that child to a user who may not open the record (lists show "Restricted record").

The walk runs every routed page that takes no record key (or only a team's), as a user of
each role placed in the restricted child's team but not named on the restriction, against
the generated borough of `tests.test_record_urls`.
"""

import html

import pytest

from accounts.models import User
from accounts.permissions import Role, role_has
from people.access import may_open
from people.models import Person, RecordRestriction
from people.tests.factories import restrict
from tests.test_record_urls import AS_OF, borough  # noqa: F401  # the generated borough fixture
from tests.urlwalk import walk_urls
from workforce.models import Allocation

# Pages that are not lists of children, each with the reason.
NOT_LISTS = {
    "accounts:sign_out": "signs out",
    "health": "the service's health check",
}


def _relative_endpoints():
    return [e for e in walk_urls() if e.kwargs == ["person_id"] and e.required not in (None, "public")]


def _list_endpoints():
    return [
        e
        for e in walk_urls()
        if set(e.kwargs) <= {"team_id"} and e.required not in (None, "public") and e.name not in NOT_LISTS
    ]


def _restricted_child() -> tuple[Person, Allocation]:
    """A currently allocated child whose name no other record shares, restricted by a
    service manager who names nobody."""
    names: dict[str, int] = {}
    for person in Person.objects.active():
        names[person.display_name] = names.get(person.display_name, 0) + 1
    allocation = next(
        a
        for a in Allocation.objects.current(AS_OF).select_related("person", "team").order_by("pk")
        if names[a.person.display_name] == 1
        and not RecordRestriction.objects.filter(person=a.person, active=True).exists()
    )
    keeper = User.objects.create_user(
        username="restriction.keeper", role=Role.SERVICE_MANAGER.value, first_name="Keeper"
    )
    restrict(keeper, allocation.person)
    return allocation.person, allocation


@pytest.mark.django_db
def test_no_list_names_a_restricted_child_to_a_user_who_may_not_open_it(borough, client):  # noqa: F811
    child, allocation = _restricted_child()
    shown = {child.display_name, html.escape(child.display_name)}
    problems = []
    checked = 0
    for role in Role:
        user = User.objects.create_user(
            username=f"lister.{role.value}", role=role.value, first_name="List", team=allocation.team
        )
        assert not may_open(user, child.pk)
        client.force_login(user)
        for endpoint in _list_endpoints():
            if endpoint.required != "authenticated" and not role_has(role, endpoint.required):
                continue
            response = client.get(endpoint.path({"team_id": allocation.team_id}))
            checked += 1
            body = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
            text = body.decode(errors="replace")
            if any(name in text for name in shown):
                problems.append(f"{endpoint.name} as {role.value}: names the restricted child")
    assert checked > 50
    assert not problems, "\n".join(sorted(problems))


@pytest.mark.django_db
def test_no_page_of_a_relative_names_a_restricted_child_to_a_user_who_may_not_open_it(
    borough,  # noqa: F811
    client,
):
    from people import services as people

    child, allocation = _restricted_child()
    sibling = Person.objects.active().children().exclude(pk=child.pk).filter(restriction__isnull=True).first()
    people.add_relationship(actor=allocation.worker, person_a=child, person_b=sibling, type="SIBLING")
    shown = {child.display_name, html.escape(child.display_name)}
    problems = []
    checked = 0
    for role in Role:
        if role == Role.PARTNER:
            continue  # sees only the children they are involved with
        user = User.objects.create_user(username=f"relative.{role.value}", role=role.value, first_name="Rel")
        client.force_login(user)
        for endpoint in _relative_endpoints():
            if endpoint.required != "authenticated" and not role_has(role, endpoint.required):
                continue
            response = client.get(endpoint.path({"person_id": sibling.pk}))
            checked += 1
            body = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
            if any(name in body.decode(errors="replace") for name in shown):
                problems.append(f"{endpoint.name} as {role.value}: names the restricted relative")
    assert checked > 50
    assert not problems, "\n".join(sorted(problems))
