"""A re-validation's rules shared with helper processes find what one process finds (ADR 0024)."""

import logging
import os
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

import pytest
from django.test import override_settings

from returns import processes, ssda903
from returns.ssda903 import validation as ssda903_validation
from returns.tests.test_revalidation import YEAR, _by_child, _children, make_cohort


@pytest.fixture
def cohort(transactional_db):
    """The re-validation tests' cohort (`test_revalidation.make_cohort`), committed: a helper
    is another process, and sees only what is committed."""
    make_cohort()


def test_shares_deal_the_rules_in_turn_and_keep_their_order():
    plan = [f"r{n}" for n in range(7)]

    assert ssda903_validation.shares(plan, 3) == [
        (["r0", "r3", "r6"], []),
        (["r1", "r4"], []),
        (["r2", "r5"], []),
    ]
    assert ssda903_validation.shares(plan[:2], 3) == [(["r0"], []), (["r1"], [])]  # no empty share


def test_a_rule_that_changes_a_shared_frame_runs_before_the_later_rules_of_every_share():
    plan = ["a", "b", "365", "c", "d", "e"]

    assert ssda903_validation.shares(plan, 2) == [
        (["a", "365", "d"], []),  # dealt 365: reports it
        (["b", "365", "c", "e"], ["365"]),  # runs it for c and e, silently
    ]
    assert ssda903_validation.shares(["a", "365"], 2) == [
        (["a"], []),
        (["365"], []),
    ]  # nothing after it: not run


def test_with_the_rules_times_known_the_costliest_go_first_to_the_share_ending_soonest():
    plan = ["a", "b", "c", "d", "e"]
    costs = {"a": 0.010, "b": 0.040, "c": 0.020, "d": 0.020, "e": 0.010}

    # b (40 ms) here; c, d to the helper (starting 5 ms late: 45 ms); a here (50), e there (55).
    assert ssda903_validation.shares(plan, 2, costs, head_start=0.005) == [
        (["a", "b"], []),
        (["c", "d", "e"], []),
    ]
    # A helper that starts 50 ms late gets less: b, c, a, e here (80 ms), d there (70 ms).
    assert ssda903_validation.shares(plan, 2, costs, head_start=0.050) == [
        (["a", "b", "c", "e"], []),
        (["d"], []),
    ]


def test_a_silent_rule_runs_but_is_not_reported(cohort):
    data, _ = ssda903_validation.datastore(ssda903.build(YEAR), YEAR, ssda903.build(YEAR - 1))
    assert data["Episodes"]["DEC"].isna().any()  # an open episode: 365 fills its end in

    outcomes = ssda903_validation.run_codes(data, YEAR, ["365", "101"], silent=["365"])

    assert [code for code, _ in outcomes] == ["101"]
    assert not data["Episodes"]["DEC"].isna().any()  # it changed the shared frame as in a whole run


@pytest.fixture(scope="module")
def helper():
    """One helper process for this module's tests (about 3 s to start), stopped after them."""
    assert processes.start(1, YEAR) == 1
    yield
    processes.stop()


def _looked_after_children(limit: int) -> list[int]:
    return sorted(_children(ssda903.build(YEAR)))[:limit]


def test_rules_shared_with_a_helper_find_what_one_process_finds(cohort, helper, monkeypatch):
    handed = []
    submit = processes.submit
    monkeypatch.setattr(processes, "submit", lambda *a: handed.append(a[3:]) or submit(*a))

    for pk in _looked_after_children(6):
        one = ssda903.build(YEAR, person_ids=[pk])
        shared = ssda903_validation.validate(one, YEAR, children_only=True)
        with monkeypatch.context() as alone:
            alone.setattr(processes, "helpers", lambda: 0)
            by_one_process = ssda903_validation.validate(one, YEAR, children_only=True)
        assert shared == by_one_process, f"child {pk}"  # the same findings, in the same order
    assert len(handed) == 6 and max(len(codes) for codes, _silent in handed) > 50  # a share each


def test_a_helper_is_another_process_that_runs_a_share_as_this_one_would(cohort, helper):
    import pickle

    output, previous = ssda903.build(YEAR), ssda903.build(YEAR - 1)
    data, _ = ssda903_validation.datastore(output, YEAR, previous)
    codes = list(ssda903_validation.registry(YEAR))
    payload = pickle.dumps((output, previous, ssda903_validation.la_gss_code()))

    future = processes.submit(ssda903_validation.run_share, payload, YEAR, codes, [])

    assert future is not None
    done = future.result(timeout=60)
    assert done.outcomes == ssda903_validation.run_codes(data, YEAR, codes)
    assert set(done.seconds) == set(codes) and done.preparing > 0
    assert processes.submit(os.getpid).result(timeout=60) != os.getpid()


def test_when_a_helper_fails_its_share_is_run_here_and_the_helpers_stop(cohort, monkeypatch, caplog):
    failed: Future = Future()
    failed.set_exception(BrokenProcessPool("a helper was killed"))
    stopped = []
    monkeypatch.setattr(processes, "helpers", lambda: 1)
    monkeypatch.setattr(processes, "submit", lambda *a: failed)
    monkeypatch.setattr(processes, "stop", lambda: stopped.append(True))
    pk = _looked_after_children(1)[0]
    one = ssda903.build(YEAR, person_ids=[pk])

    with caplog.at_level(logging.WARNING, logger="returns.processes"):
        found = ssda903_validation.validate(one, YEAR, children_only=True)

    monkeypatch.setattr(processes, "helpers", lambda: 0)
    assert _by_child(found) == _by_child(ssda903_validation.validate(one, YEAR, children_only=True))
    assert "BrokenProcessPool" in caplog.text and str(pk) not in caplog.text
    assert stopped


def test_a_share_is_run_here_when_the_helpers_have_gone(cohort, monkeypatch):
    monkeypatch.setattr(processes, "helpers", lambda: 1)
    monkeypatch.setattr(processes, "submit", lambda *a: None)  # stopped meanwhile
    pk = _looked_after_children(1)[0]
    one = ssda903.build(YEAR, person_ids=[pk])

    found = ssda903_validation.validate(one, YEAR, children_only=True)

    monkeypatch.setattr(processes, "helpers", lambda: 0)
    assert found == ssda903_validation.validate(one, YEAR, children_only=True)


def _start_a_helper_and_end() -> None:
    assert processes.start(1, YEAR) == 1


def test_a_worker_that_started_helpers_ends_and_so_do_they():
    """A django-q2 worker is a process of multiprocessing's, which waits for its children as
    it ends: its helpers must be stopped first, or it never ends."""
    import multiprocessing

    worker = multiprocessing.get_context("fork").Process(target=_start_a_helper_and_end)
    worker.start()
    worker.join(timeout=120)
    hung = worker.is_alive()
    if hung:
        worker.kill()
    assert not hung and worker.exitcode == 0


def test_no_helper_starts_in_a_daemonic_process_or_for_none_asked(monkeypatch):
    assert processes.start(0, YEAR) == 0
    monkeypatch.setattr(processes.multiprocessing, "current_process", lambda: SimpleNamespace(daemon=True))
    assert processes.start(2, YEAR) == 0
    assert processes.helpers() == 0
    assert processes.submit(os.getpid) is None


def test_a_helper_waits_while_its_parent_lives():
    parents = iter([41, 41, 41, 1])  # then the parent is gone: the helper was handed to init
    processes.wait_for_parent(41, check=lambda: next(parents), interval=0)
    assert next(parents, None) is None


@override_settings(HARBOUR_VALIDATION_PROCESSES=3)
def test_a_worker_starts_its_helpers_when_it_starts(db, monkeypatch):
    from returns import tasks

    started = []
    monkeypatch.setattr(processes, "start", lambda count, year: started.append(count) or count)
    tasks.warm_up_worker()
    assert started == [2]


@override_settings(HARBOUR_VALIDATION_PROCESSES=2)
def test_a_worker_whose_helpers_cannot_start_runs_every_rule_itself(db, monkeypatch, caplog):
    from returns import tasks

    def cannot(count, year):
        raise BrokenProcessPool("no")

    monkeypatch.setattr(processes, "start", cannot)
    with caplog.at_level(logging.WARNING, logger="returns.tasks"):
        tasks.warm_up_worker()
    assert "starting the validation helper processes failed: BrokenProcessPool" in caplog.text
    assert processes.helpers() == 0


def test_one_warm_up_loads_every_validated_return_with_the_postcode_letters_given():
    from returns import registry

    calls = []

    def fake(name):
        return registry.Implementation(
            build=lambda **kwargs: None,
            validate=None,
            warm_up=lambda year, letters: calls.append((name, year, letters)),
        )

    with registry.override("cin_census", fake("cin_census")), registry.override("ssda903", fake("ssda903")):
        registry.warm_up(2027, ["L", "M"])
        registry.warm_up(2027)
    assert calls == [
        ("cin_census", 2027, ["L", "M"]),
        ("ssda903", 2027, ["L", "M"]),
        ("cin_census", 2027, None),
        ("ssda903", 2027, None),
    ]


@override_settings(HARBOUR_VALIDATION_PROCESSES=2)
def test_a_worker_whose_warm_up_fails_still_starts_its_helpers(db, monkeypatch, caplog):
    from returns import registry, tasks

    def fails(year, letters):
        raise OSError("no")

    started = []
    monkeypatch.setattr(processes, "start", lambda count, year: started.append(count) or count)
    broken = registry.Implementation(build=lambda **kwargs: None, validate=None, warm_up=fails)
    with registry.override("ssda903", broken), caplog.at_level(logging.WARNING, logger="returns.tasks"):
        tasks.warm_up_worker()
    assert "warming up the returns' rules failed: OSError" in caplog.text
    assert started == [1]
