"""Documents generated from what child protection records hold (the `casework.documents`
extension): the record of a conference's decisions, and the child protection plan in plain
words for the parents and for the child. Nothing is typed again: every value comes from the
conference, the plan and its actions as recorded."""

from datetime import date
from typing import Any

from django.utils import timezone

import timescales
from casework.documents import DocumentGenerator, long_date
from casework.rendering import Doc
from codes import cin as cin_codes
from plans.smart import ActionStatus

from .models import ActionProgress, Agency, Conference, ConferenceDecision, ConferenceKind, CPPlan
from .queries import review_due

_CONTINUING = (ConferenceDecision.PLAN, ConferenceDecision.CONTINUE)


def next_review_after(conference: Conference) -> date | None:
    """The review conference the decision sets up: none when there is no plan or the plan
    ends; the plan's first review (3 months, `first_cp_review`) after an initial or
    transfer-in conference; 6 months after a review (`cp_review`)."""
    if conference.decision not in _CONTINUING or conference.plan is None:
        return None
    if conference.kind == ConferenceKind.REVIEW:
        return timescales.due_date("cp_review", conference.held_on)  # type: ignore[return-value]
    return conference.plan.first_review_due


def _agencies(values: list[str]) -> str:
    return ", ".join(Agency(v).label if v in Agency.values else v for v in values) or "None recorded"


def _child_lines(doc: Doc, person: Any) -> None:
    doc.meta("Child", person.full_name)
    if person.date_of_birth:
        doc.meta("Date of birth", long_date(person.date_of_birth))
    doc.meta("Harbour number", person.la_child_id)


# --- The record of a conference's decisions -------------------------------------------------


def _conference_options(person: Any) -> list[tuple[int, str]]:
    return [
        (c.pk, f"{c.get_kind_display()} on {long_date(c.held_on)}")
        for c in Conference.objects.filter(person=person)
    ]


def _participation(doc: Doc, c: Conference) -> None:
    doc.h2("Who took part")
    doc.meta("Attendees", c.attendees or "Not recorded")
    doc.meta("Agencies that attended", _agencies(c.agencies_attended))
    doc.meta("Agencies that sent a report", _agencies(c.agencies_reported))
    doc.meta("The child's participation", cin_codes.PARTICIPATION.label(c.child_participation))
    if c.child_views:
        doc.meta("The child's views", c.child_views)
    if c.parent_participation:
        doc.meta("Parents' participation and views", c.parent_participation)


def _decision_and_reasons(doc: Doc, c: Conference) -> None:
    plan = c.plan
    doc.h2("Decision")
    doc.meta("Decision", c.get_decision_display())
    category = c.category or (plan.category if plan and c.decision in _CONTINUING else "")
    if category:
        doc.meta("Category of abuse", cin_codes.ABUSE_CATEGORY.label(category))
    doc.h2("Reasons")
    if c.decision == ConferenceDecision.END and plan is not None and plan.end_reason:
        doc.p(plan.end_reason)
    elif c.decision in _CONTINUING and plan is not None and plan.worries:
        doc.p(f"What we are worried about: {plan.worries}")
    else:
        doc.p("No reasons are recorded for this decision.")


def _outcomes(doc: Doc, c: Conference, plan: CPPlan) -> None:
    """The plan's goals and actions; after a review, the progress noted at that conference."""
    doc.h2("The plan's outcomes")
    if plan.goals:
        doc.meta("What needs to change", plan.goals)
    progress = {p.action_id: p for p in ActionProgress.objects.filter(conference=c).order_by("id")}
    rows = [["What needs to happen", "Who", "By when", "Progress"]]
    for a in plan.actions.all():
        noted = progress.get(a.pk)
        status = a.get_status_display()
        if noted is not None:
            label = ActionStatus(noted.status).label if noted.status in ActionStatus.values else noted.status
            status = f"{label}: {noted.note}"
        rows.append(
            [a.what, " – ".join(x for x in (a.who_person, a.who_agency) if x), long_date(a.by_when), status]
        )
    if len(rows) > 1:
        doc.table(rows, widths=[0.4, 0.2, 0.15, 0.25])
    else:
        doc.p("No actions are recorded on the plan yet.")


def _conference_record(person: Any, object_id: int, actor: Any) -> Doc:
    c = Conference.objects.select_related("chair", "plan").get(pk=object_id, person=person)
    doc = Doc(title=f"{c.get_kind_display()} – record of decisions – {person.la_child_id}")
    doc.h1("Child protection conference: record of decisions")
    _child_lines(doc, person)
    doc.meta("Conference", c.get_kind_display())
    doc.meta("Held on", long_date(c.held_on))
    if c.due_on:
        doc.meta("Due by", long_date(c.due_on))
    doc.meta("Chair", c.chair.display_name)
    _participation(doc, c)
    _decision_and_reasons(doc, c)
    if c.plan is not None:
        _outcomes(doc, c, c.plan)
    doc.h2("Next review")
    review = next_review_after(c)
    if review is not None:
        doc.meta("Next review conference by", long_date(review))
    elif c.decision == ConferenceDecision.END:
        doc.p("The plan ends: there is no further review conference.")
    else:
        doc.p("No child protection plan: there is no review conference.")
    doc.p(
        f"Record produced by {actor.display_name} on {long_date(timezone.localdate())} from the conference as recorded."
    )
    return doc


# --- The plan in plain words: for the parents, and for the child ----------------------------


def _plan_options(person: Any) -> list[tuple[int, str]]:
    return [(p.pk, f"Plan made on {long_date(p.start_date)}") for p in CPPlan.objects.filter(person=person)]


def _who(a: Any) -> str:
    if a.who_person and a.who_agency:
        return f"{a.who_person} from {a.who_agency}"
    return a.who_person or a.who_agency or "Not decided yet"


def _plan_for(person: Any, object_id: int) -> tuple[CPPlan, list[Any], str]:
    """The child's plan a plain-words version is made of, its actions, and the child's name."""
    plan = CPPlan.objects.get(pk=object_id, person=person)
    return plan, list(plan.actions.all()), person.preferred_name or person.given_name


def _plan_for_parents(person: Any, object_id: int, actor: Any) -> Doc:
    plan, actions, name = _plan_for(person, object_id)
    doc = Doc(title=f"{name}'s plan – for the family", large_print=True)
    doc.h1(f"{name}'s plan")
    doc.p(
        f"This plan was made at a meeting on {long_date(plan.start_date)}. "
        f"It says what everyone will do to keep {name} safe."
    )
    doc.h2("What we are worried about")
    doc.p(plan.worries or "This has not been written down yet.")
    doc.h2("What needs to happen")
    if plan.goals:
        doc.p(plan.goals)
    for a in actions:
        doc.p(f"• {a.what}")
    doc.h2("Who will do it and by when")
    if actions:
        doc.table(
            [["What", "Who", "By when"]] + [[a.what, _who(a), long_date(a.by_when)] for a in actions],
            widths=[0.5, 0.3, 0.2],
        )
    else:
        doc.p("This has not been decided yet.")
    doc.h2("When we will meet again")
    doc.p(f"We will meet again to talk about how the plan is going by {long_date(review_due(plan))}.")
    doc.p(f"If you do not understand something in this plan, ask {name}'s social worker.")
    return doc


def _plan_for_child(person: Any, object_id: int, actor: Any) -> Doc:
    plan, actions, name = _plan_for(person, object_id)
    doc = Doc(title=f"My plan – {name}", large_print=True)
    doc.h1(f"{name}, this is your plan")
    doc.p(
        f"On {long_date(plan.start_date)} some grown-ups who know you met to think about how to "
        "keep you safe. This is what they decided."
    )
    doc.h2("What the grown-ups are worried about")
    doc.p(plan.worries or "Your social worker will tell you about this.")
    doc.h2("What needs to change")
    doc.p(plan.goals or "Your social worker will tell you about this.")
    doc.h2("Who is going to help, and by when")
    for a in actions:
        doc.p(f"{_who(a)} will: {a.what} (by {long_date(a.by_when)})")
    if not actions:
        doc.p("This has not been decided yet.")
    doc.h2("When we will check how it is going")
    doc.p(
        f"The grown-ups will meet again by {long_date(review_due(plan))}. You can tell them what you think."
    )
    doc.p(
        "If you are worried or something here is wrong, tell your social worker or someone you "
        "trust. You can also call Childline free on 0800 1111."
    )
    return doc


GENERATORS = [
    DocumentGenerator(
        key="protection.conference_record",
        title="Child protection conference: record of decisions",
        doc_type="MINUTES",
        options=_conference_options,
        build=_conference_record,
    ),
    DocumentGenerator(
        key="protection.plan_for_parents",
        title="Child protection plan in plain words, for the parents",
        doc_type="PLAN",
        options=_plan_options,
        build=_plan_for_parents,
    ),
    DocumentGenerator(
        key="protection.plan_for_child",
        title="Child protection plan written to the child",
        doc_type="CHILD",
        options=_plan_options,
        build=_plan_for_child,
        for_children_only=True,
    ),
]
