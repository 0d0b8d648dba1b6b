"""A child's re-validation after an edit finds exactly what a run over every child finds for
that child, for both returns, though it skips the rules that cannot flag one of the child's
rows and skips a return the child is not in (`children_only`, `services._has_rows_of`)."""

import contextlib
import io
from collections import defaultdict
from datetime import date

import pytest

from demo.generator import generate
from returns import cin_census, ssda903
from returns.base import Finding
from returns.ssda903 import validation as ssda903_validation

AS_OF = date(2026, 10, 31)  # in the collection year 2026/27
YEAR = 2027
RETURNS = {"cin_census": cin_census, "ssda903": ssda903}


@pytest.fixture
def cohort(transactional_db):
    """A generated cohort, with a few records broken so that rules of several tables fail."""
    generate(children=40, seed=7, as_of=AS_OF)
    _break_some_records()


def _break_some_records():
    """Errors a worker could record, in the tables the rules read most (set directly: the
    forms would refuse most of them)."""
    from looked_after.models import CareEpisode, LACReview
    from people.models import Person

    looked_after = sorted(_children(ssda903.build(YEAR)))
    in_need = sorted(_children(cin_census.build(YEAR)) - set(looked_after))
    Person.objects.filter(pk__in=looked_after[:2] + in_need[:2]).update(ethnicity="XXXX")
    for n, pk in enumerate(looked_after[2:3] + in_need[2:4]):  # not the same UPN: that is another rule
        Person.objects.filter(pk=pk).update(upn=f"X{n}")
    episode = CareEpisode.objects.filter(person_id__in=looked_after[3:5]).order_by("pk").first()
    CareEpisode.objects.filter(pk=getattr(episode, "pk", None)).update(reason_new_episode="Z")
    review = LACReview.objects.filter(person_id__in=looked_after[5:]).order_by("pk").first()
    LACReview.objects.filter(pk=getattr(review, "pk", None)).update(participation="ZZ")


def _by_child(findings: list[Finding]) -> dict[int, set[Finding]]:
    out: dict[int, set[Finding]] = defaultdict(set)
    for f in findings:
        if f.source is not None and f.source.person_id is not None:
            out[f.source.person_id].add(f)
    return out


def _children(output) -> set[int]:
    return {s.person_id for t in output.tables.values() for s in t.sources if s.person_id is not None}


# Rules whose result for a child depends on the rest of the return, so that a child checked
# alone cannot match the whole run: 1001 returns nothing when this or last year's episodes are
# empty, as they are for a care leaver with no episodes in either year checked alone.
DEPENDS_ON_OTHER_CHILDREN = {"ssda903": {"1001"}, "cin_census": set()}
CHECKED = 5  # children per return: every child the whole run flags, up to this, then two others


def test_each_child_revalidated_alone_has_the_whole_runs_findings(cohort):
    for name, module in RETURNS.items():
        whole = module.build(YEAR)
        expected = _by_child(module.validate(whole, YEAR))
        assert sum(len(v) for v in expected.values()) >= 3, f"{name}: the cohort fails some rules"
        others = sorted(_children(whole) - set(expected))
        for pk in (sorted(expected)[:CHECKED] + others)[: CHECKED + 2]:
            one = module.build(YEAR, person_ids=[pk])
            fast = _by_child(module.validate(one, YEAR, children_only=True))
            every_rule = _by_child(module.validate(one, YEAR))
            assert set(fast) <= {pk}
            assert fast.get(pk, set()) == every_rule.get(pk, set()), f"{name}: child {pk}"
            alike = {f for f in expected.get(pk, set()) if f.rule_code not in DEPENDS_ON_OTHER_CHILDREN[name]}
            assert {
                f for f in fast.get(pk, set()) if f.rule_code not in DEPENDS_ON_OTHER_CHILDREN[name]
            } == alike


def test_the_rules_that_rewrite_shared_frames_are_known(cohort):
    """A re-validation skips rules, so a rule that changes a frame the later rules share (the
    package's copies are shallow) must be in SHARED_FRAME_WRITERS, which always run."""
    output = ssda903.build(YEAR)
    data, _ = ssda903_validation.datastore(output, YEAR, ssda903.build(YEAR - 1))
    writers = set()
    for code, rule in ssda903_validation.registry(YEAR).items():
        before = {k: v.copy(deep=True) for k, v in data.items() if k != "metadata"}
        with contextlib.suppress(Exception), contextlib.redirect_stdout(io.StringIO()):
            ssda903_validation.LOCAL_EQUIVALENTS.get(code, rule.func)(ssda903_validation._Copies(data))
        if any(not before[k].equals(data[k]) for k in before):
            writers.add(code)
            data.update(before)  # the next rule sees what it would see without this one
    assert writers <= ssda903_validation.SHARED_FRAME_WRITERS
    assert "365" in writers  # the check sees a known writer
