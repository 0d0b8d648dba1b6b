"""Documents generated from assessments (the `casework.documents` extension): the letter to
the child's parents and carers telling them what the assessment found and what happens next.
Every value comes from the authorised assessment as recorded, never re-keyed; the letter is
in plain words, with no codes."""

from typing import Any

from django.conf import settings
from django.utils import timezone

from casework.documents import DocumentGenerator, long_date
from casework.rendering import Doc

from .models import Assessment, AssessmentOutcome, AssessmentStatus

# What each outcome means for the family, in plain words.
NEXT_STEPS: dict[str, str] = {
    AssessmentOutcome.NFA: "We do not need to stay involved. We have closed our work with your family.",
    AssessmentOutcome.STRATEGY: (
        "We are worried about your child's safety. We will talk with the police and health "
        "services about what needs to happen next, and your social worker will explain this to you."
    ),
    AssessmentOutcome.CIN: (
        "Your child needs some help from us. Your social worker will agree a plan with you "
        "that says what will happen, who will do it and by when."
    ),
    AssessmentOutcome.CLA: (
        "We think your child may need to be looked after by us. Your social worker will talk "
        "with you about this, and you can get independent legal advice."
    ),
    AssessmentOutcome.EARLY_HELP: (
        "Your family would benefit from early help. An early help worker will contact you to "
        "offer support. This is voluntary."
    ),
    AssessmentOutcome.SPECIALIST: "We have asked for a specialist assessment. Your social worker will tell you more.",
    AssessmentOutcome.OTHER: "Your social worker will explain the other actions we are taking.",
}


def _options(person: Any) -> list[tuple[int, str]]:
    return [
        (a.pk, f"Assessment authorised {long_date(a.authorised_on)}")
        for a in Assessment.objects.filter(person=person, status=AssessmentStatus.AUTHORISED).order_by(
            "-authorised_on"
        )
    ]


def _family_letter(person: Any, object_id: int, actor: Any) -> Doc:
    assessment = Assessment.objects.select_related("worker").get(
        pk=object_id, person=person, status=AssessmentStatus.AUTHORISED
    )
    authority = settings.HARBOUR_AUTHORITY["name"]
    name = person.preferred_name or person.given_name
    doc = Doc(title=f"What our assessment found – {person.la_child_id}", large_print=True)
    doc.p(authority)
    doc.p(f"Children's Services · {long_date(timezone.localdate())}")
    doc.meta("Our reference", f"{person.la_child_id}/A{assessment.pk}")
    doc.h1(f"To the parents and carers of {person.full_name}")
    doc.p(
        f"Thank you for working with us. This letter tells you what our assessment of {name} "
        "found and what happens next."
    )
    doc.h2("The assessment")
    doc.meta("Started", long_date(assessment.start_date))
    doc.meta("Finished", long_date(assessment.authorised_on))
    doc.meta("Social worker", assessment.worker.display_name)
    if assessment.child_seen_on:
        doc.meta(f"We saw {name} on", long_date(assessment.child_seen_on))
    if assessment.child_wishes:
        doc.h2(f"What {name} told us")
        doc.p(assessment.child_wishes)
    if assessment.protective_factors:
        doc.h2("What is going well")
        doc.p(assessment.protective_factors)
    if assessment.risk_factors:
        doc.h2("What we are worried about")
        doc.p(assessment.risk_factors)
    doc.h2("What happens next")
    outcomes = [o for o in assessment.outcomes if o in NEXT_STEPS] or [AssessmentOutcome.OTHER]
    for outcome in outcomes:
        doc.p(NEXT_STEPS[outcome])
    if assessment.outcome_other:
        doc.p(assessment.outcome_other)
    doc.p(
        "You can ask for a copy of the assessment. If you think something in it is wrong, or you "
        "are unhappy with how we worked with you, tell your social worker or ask us how to make a "
        "complaint."
    )
    doc.p(f"Yours sincerely,\n{actor.display_name}\n{authority} Children's Services")
    return doc


GENERATORS = [
    DocumentGenerator(
        key="assessments.family_letter",
        title="Letter to the family: what the assessment found",
        doc_type="LETTER",
        options=_options,
        build=_family_letter,
    ),
]
