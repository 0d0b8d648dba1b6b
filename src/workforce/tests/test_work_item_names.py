"""My work and the team page name each work item's child, from the caseload they have read."""

from dataclasses import replace
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from core import worklist
from workforce.tests.factories import allocate


def _item_for(child, due: date, kind: str = "") -> worklist.WorkItem:
    return worklist.WorkItem(child.pk, "Visit due", "visit", due, None, "/", kind=kind)


def test_my_work_and_the_team_page_name_each_items_child(
    client_for, monkeypatch, child, team, team_manager, social_worker
):
    allocate(team_manager, child, social_worker, team, date(2024, 1, 1))
    overdue = timezone.localdate() - timedelta(days=3)
    provided = [_item_for(child, overdue), _item_for(child, overdue, kind=worklist.SIGN_OFF)]
    monkeypatch.setattr(worklist, "providers", lambda: [lambda person_ids, today: provided])
    cell = f'<a class="govuk-link" href="/people/{child.pk}/">{child.display_name}</a>'

    my_work = client_for(social_worker).get(reverse("workforce:my_work")).content.decode()
    assert my_work.count(cell) == 3  # the two items and the caseload row

    client = client_for(team_manager)
    overdue = client.get(reverse("workforce:team_overdue", args=[team.pk])).content.decode()
    sign_offs = client.get(reverse("workforce:team_sign_offs", args=[team.pk])).content.decode()
    caseload = client.get(reverse("workforce:team_caseload", args=[team.pk])).content.decode()
    assert (overdue.count(cell), sign_offs.count(cell), caseload.count(cell)) == (1, 1, 1)


def test_team_page_shows_a_restricted_child_unnamed_when_the_reader_may_not_open_it(
    client_for, monkeypatch, make_user, child, team, team_manager, social_worker
):
    from accounts.permissions import Role
    from people.tests.factories import restrict

    allocate(team_manager, child, social_worker, team, date(2024, 1, 1))
    restrict(make_user(Role.SERVICE_MANAGER, "service.manager"), child, named_users=[social_worker])
    overdue = timezone.localdate() - timedelta(days=3)
    provided = [
        _item_for(child, overdue),
        replace(_item_for(child, overdue, kind=worklist.SIGN_OFF), person_name=child.display_name),
    ]
    monkeypatch.setattr(worklist, "providers", lambda: [lambda person_ids, today: provided])
    client = client_for(team_manager)
    barred = "".join(
        client.get(reverse(name, args=[team.pk])).content.decode()
        for name in (
            "workforce:team",
            "workforce:team_overdue",
            "workforce:team_sign_offs",
            "workforce:team_caseload",
        )
    )

    assert "Amelia" not in barred and "Hughes" not in barred
    assert barred.count("Restricted record") == 3  # one overdue, one awaiting sign-off, the caseload row
    named = client_for(social_worker).get(reverse("workforce:my_work")).content.decode()
    assert named.count(child.display_name) >= 3


def test_a_work_row_without_a_local_target_says_none_and_counts_days_properly(
    client_for, monkeypatch, child, team, team_manager, social_worker
):
    allocate(team_manager, child, social_worker, team, date(2024, 1, 1))
    today = timezone.localdate()
    provided = [_item_for(child, today - timedelta(days=1)), _item_for(child, today + timedelta(days=1))]
    monkeypatch.setattr(worklist, "providers", lambda: [lambda person_ids, today: provided])

    page = client_for(social_worker).get(reverse("workforce:my_work")).content.decode()

    assert ">None<" not in page
    assert '<span class="govuk-visually-hidden">No local target</span>' in page
    assert "Overdue by 1 day<" in page and "Due in 1 day<" in page
