"""Documents generated from what the children-in-care records hold (the `casework.documents`
extension): the record of a looked-after review chaired by the independent reviewing officer.
Every value comes from the review and its recommendations as recorded, never re-keyed."""

from datetime import date
from typing import Any

from casework.documents import DocumentGenerator, long_date
from casework.rendering import Doc
from codes import cin as cin_codes

from .clocks import next_review_due
from .models import LACReview


def next_review_after(review: LACReview) -> date | None:
    """The next review the statutory clock sets after this one (`next_review_due` over the
    reviews of the period held up to and including it); None once the period of care ended."""
    period = review.period
    if period.end_date is not None:
        return None
    held = [
        r.held_on
        for r in LACReview.objects.filter(period=period)
        if (r.held_on, r.pk) <= (review.held_on, review.pk)
    ]
    return next_review_due(period.start_date, held).due


def _review_options(person: Any) -> list[tuple[int, str]]:
    return [
        (r.pk, f"Review {r.sequence} held on {long_date(r.held_on)}")
        for r in LACReview.objects.filter(person=person).order_by("-held_on", "-id")
    ]


def _review_record(person: Any, object_id: int, actor: Any) -> Doc:
    review = LACReview.objects.select_related("iro", "period").get(pk=object_id, person=person)
    doc = Doc(title=f"Looked-after review {review.sequence} – record – {person.la_child_id}")
    doc.h1("Record of the looked-after review")
    doc.meta("Child", person.full_name)
    if person.date_of_birth:
        doc.meta("Date of birth", long_date(person.date_of_birth))
    doc.meta("Harbour number", person.la_child_id)
    doc.meta(
        "Review", f"Review {review.sequence} of the period of care from {long_date(review.period.start_date)}"
    )
    doc.meta("Held on", long_date(review.held_on))
    doc.meta(
        "Due by",
        long_date(review.due_date) + (" (held on time)" if review.on_time else " (held late)"),
    )
    doc.meta("Independent reviewing officer", review.iro.display_name)
    doc.meta("The IRO met the child before the review", "Yes" if review.iro_met_child else "No")

    doc.h2("The child's participation and views")
    doc.meta("Participation", cin_codes.PARTICIPATION.label(review.participation))
    doc.p(review.child_views or "The child's views are not recorded.")

    doc.h2("Decisions")
    doc.p(review.decisions or "No decisions are recorded.")

    doc.h2("Recommendations")
    actions = list(review.actions.all())
    if actions:
        rows = [["Who", "What", "By when", "Done"]]
        rows += [
            [a.who, a.what, long_date(a.due_on), long_date(a.completed_on) if a.completed_on else "Not yet"]
            for a in actions
        ]
        doc.table(rows, widths=[0.2, 0.5, 0.15, 0.15])
    else:
        doc.p("No recommendations are recorded.")

    doc.h2("Next review")
    following = next_review_after(review)
    if following is not None:
        doc.meta("Next review by", long_date(following))
    else:
        doc.p(f"The period of care ended on {long_date(review.period.end_date)}: there is no further review.")
    return doc


GENERATORS = [
    DocumentGenerator(
        key="looked_after.review_record",
        title="Looked-after review: record of the review",
        doc_type="MINUTES",
        options=_review_options,
        build=_review_record,
    ),
]
