from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule, Task

from returns import links, schedules
from returns.models import RunStatus, ValidationRun
from returns.registry import collection_year


def test_setup_schedules_registers_the_nightly_validation_once(db):
    call_command("setup_schedules")
    first = Schedule.objects.get(name="returns: nightly validation of live data")
    call_command("setup_schedules")

    assert Schedule.objects.count() == len(schedules.SCHEDULES)
    again = Schedule.objects.get(name="returns: nightly validation of live data")
    assert (again.func, again.schedule_type, again.repeats) == (
        "returns.tasks.nightly_validation",
        Schedule.DAILY,
        -1,
    )
    assert again.next_run == first.next_run  # a re-run never postpones the next run


def test_the_next_run_is_tonight_at_half_past_two_local_time(db):
    schedules.register(now=datetime(2026, 6, 1, 12, 0, tzinfo=UTC))  # 13:00 in London

    next_run = Schedule.objects.get(name="returns: nightly validation of live data").next_run
    assert next_run == datetime(2026, 6, 2, 1, 30, tzinfo=UTC)  # 02:30 BST


def test_a_changed_schedule_is_updated_not_duplicated(db):
    schedules.register()
    Schedule.objects.filter(name="returns: nightly validation of live data").update(
        func="returns.tasks.old_name"
    )

    assert schedules.register() == [
        "updated returns: nightly validation of live data",
        "unchanged core: purge old drafts",
        "unchanged lifecycle: sweep orphaned files",
        "unchanged quality: duplicate sweep",
        "unchanged performance: monthly report notice",
        "unchanged audit: nightly checkpoint",
    ]
    assert Schedule.objects.get(name="returns: nightly validation of live data").func == (
        "returns.tasks.nightly_validation"
    )


def test_the_draft_purge_is_scheduled_nightly_and_runs_in_the_worker(db):
    from django_q.tasks import async_task

    schedules.register()
    purge = Schedule.objects.get(name="core: purge old drafts")
    assert (purge.func, purge.schedule_type) == ("core.drafts.purge_old_drafts", Schedule.DAILY)
    async_task(purge.func, task_name="purge")  # sync mode: runs now
    assert Task.objects.get(name="purge").success


def test_the_scheduled_task_runs_the_full_validation_in_the_worker(child, fakes):
    from django_q.tasks import async_task

    async_task("returns.tasks.nightly_validation", task_name="nightly")  # sync mode: runs now

    task = Task.objects.get(name="nightly")
    assert task.success and task.result == RunStatus.SUCCEEDED
    run = ValidationRun.objects.get()
    assert run.requested_by is None and run.year == collection_year(run.started_at.date())


@pytest.mark.parametrize("model", sorted(links.TARGETS))
def test_every_source_model_links_to_a_real_page(model):
    link = links.link_for(7, model, 11)

    assert link is not None and link.url.startswith("/")
    assert link.url.split("#")[0] != "/"


def test_links_go_to_the_object_page_or_the_childs_page():
    assert links.link_for(7, "assessments.assessment", 11).url == reverse("assessments:detail", args=[11])
    assert links.link_for(7, "looked_after.placement", 11).url == reverse("looked_after:timeline", args=[7])
    assert links.link_for(7, "people.person", 7).url == reverse("people:edit", args=[7])
    assert links.link_for(7, "unknown.thing", 3).url == reverse("people:detail", args=[7])  # fallback
    assert links.link_for(None, "unknown.thing", 3) is None
    assert links.link_for(7, "", None).url == reverse("people:edit", args=[7])  # the person themself


def test_a_worker_process_loads_the_rules_as_it_starts(db):
    from django_q.signals import post_spawn

    from returns.cin_census import validation as cin_validation
    from returns.ssda903 import validation as ssda903_validation

    ssda903_validation.read_tables.cache_clear()
    cin_validation.read_tables.cache_clear()
    post_spawn.send(sender="django_q", proc_name="Process-1")
    year = collection_year(timezone.localdate())
    assert ssda903_validation.read_tables.cache_info().currsize >= len(ssda903_validation.registry(year))
    assert cin_validation.read_tables.cache_info().currsize >= len(cin_validation.rule_set(year))
