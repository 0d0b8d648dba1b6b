"""Care leaver services. Each takes the acting user, is atomic, validated and audited, and says
that the young person's record changed (core.extensions.changed)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import permanence as pcodes
from codes import ssda903
from core.validation import not_in_future, required
from core.versioning import claim_edit
from people.models import Person

from . import eligibility, queries
from .models import BirthdayStatus, CareLeaver, PathwayAction, PathwayPlan, PathwayPlanReview

# The fields of the care leaver record: what its form edits and `record_care_leaver` saves.
RECORD_FIELDS = (
    "recorded_category",
    "category_note",
    "la_provides_accommodation",
    "needs_assessment_completed_on",
    "staying_put",
    "staying_put_start",
    "higher_education",
    "bursary_paid_on",
    "vacation_accommodation",
)


@transaction.atomic
def record_care_leaver(
    *, actor: User, person: Person, data: dict[str, Any], expected_version: int | None = None
) -> CareLeaver:
    """Create or update the care leaver record (category, needs assessment, staying put, HE).
    `expected_version`: the version the form was opened at, 0 if there was no record yet."""
    require(actor, Permission.RECORD_CARE_LEAVER)
    if data.get("recorded_category") not in pcodes.CARE_LEAVER_ELIGIBILITY:
        raise ValidationError({"recorded_category": "Select the eligibility category"})
    not_in_future(
        data.get("needs_assessment_completed_on"),
        field="needs_assessment_completed_on",
        label="The assessment date",
    )
    not_in_future(data.get("bursary_paid_on"), field="bursary_paid_on", label="The bursary date")
    if data.get("staying_put") and not data.get("staying_put_start"):
        raise ValidationError({"staying_put_start": "Enter the date the staying put arrangement started"})
    record = CareLeaver.objects.select_for_update().filter(person=person).first()
    if record is not None:
        claim_edit(record, expected_version)
    before = {f: getattr(record, f) for f in RECORD_FIELDS} if record else {}
    values = {f: data.get(f, getattr(record, f) if record else None) for f in RECORD_FIELDS}
    for text_field in ("category_note", "vacation_accommodation"):
        values[text_field] = (values[text_field] or "").strip()
    for flag in ("la_provides_accommodation", "staying_put", "higher_education"):
        values[flag] = bool(values[flag])
    if record is None:
        record = CareLeaver.objects.create(person=person, updated_by=actor, **values)
        action = AuditAction.CREATE
    else:
        for key, value in values.items():
            setattr(record, key, value)
        record.updated_by = actor
        record.save()
        action = AuditAction.UPDATE
    audit_and_tell(
        actor,
        action,
        person,
        record,
        "Recorded care leaver details",
        changes={k: [before.get(k), v] for k, v in values.items() if before.get(k) != v},
    )
    return record


@transaction.atomic
def start_pathway_plan(*, actor: User, person: Person, plan_date: date, summary: str = "") -> PathwayPlan:
    require(actor, Permission.RECORD_CARE_LEAVER)
    not_in_future(plan_date, field="plan_date", label="The plan date")
    plan = PathwayPlan.objects.create(
        person=person, plan_date=plan_date, summary=summary.strip(), created_by=actor
    )
    audit_and_tell(
        actor, AuditAction.CREATE, person, plan, "Started a pathway plan", changes={"plan_date": plan_date}
    )
    return plan


@transaction.atomic
def review_pathway_plan(
    *, actor: User, plan: PathwayPlan, reviewed_on: date, notes: str = ""
) -> PathwayPlanReview:
    require(actor, Permission.RECORD_CARE_LEAVER)
    not_in_future(reviewed_on, field="reviewed_on", label="The review date")
    latest = plan.reviews.order_by("-reviewed_on").first()
    if reviewed_on < (latest.reviewed_on if latest else plan.plan_date):
        raise ValidationError(
            {"reviewed_on": "The review date must be after the plan date and any earlier review"}
        )
    due = queries.next_review_due(plan)
    review = PathwayPlanReview.objects.create(
        plan=plan,
        reviewed_on=reviewed_on,
        due_on=due.statutory_due,
        calendar_version=due.calendar_version,
        notes=notes.strip(),
        recorded_by=actor,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        plan.person,
        review,
        "Reviewed the pathway plan",
        changes={"reviewed_on": reviewed_on, "due_on": due.statutory_due},
    )
    return review


@transaction.atomic
def add_pathway_action(*, actor: User, plan: PathwayPlan, who: str, what: str, due_by: date) -> PathwayAction:
    require(actor, Permission.RECORD_CARE_LEAVER)
    required("who", who, "Enter who will do this")
    required("what", what, "Enter what will be done")
    action = PathwayAction.objects.create(plan=plan, who=who.strip(), what=what.strip(), due_by=due_by)
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        plan.person,
        action,
        "Added a pathway plan action",
        changes={"who": action.who, "what": action.what, "due_by": due_by},
    )
    return action


@transaction.atomic
def complete_pathway_action(*, actor: User, action: PathwayAction, completed_on: date) -> PathwayAction:
    require(actor, Permission.RECORD_CARE_LEAVER)
    not_in_future(completed_on, field="completed_on", label="The completion date")
    action.completed_on = completed_on
    action.save(update_fields=["completed_on"])
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        action.plan.person,
        action,
        "Completed a pathway plan action",
        changes={"completed_on": completed_on},
    )
    return action


@transaction.atomic
def record_birthday_status(
    *,
    actor: User,
    person: Person,
    age: int,
    contact_date: date,
    in_touch: str,
    activity: str = "",
    accommodation: str = "",
    suitability: str = "",
) -> BirthdayStatus:
    """Record (or correct) the 903 OC3 status for the 17th–21st birthday.

    The contact must fall in the window around the birthday (eligibility.oc3_window: 3 months
    before to 1 month after). When the young person is in touch (YES), the main activity,
    the accommodation and its suitability are all required; when they have died, none is kept.
    """
    require(actor, Permission.RECORD_CARE_LEAVER)
    if age not in eligibility.OC3_AGES:
        raise ValidationError({"age": "Select the birthday, from 17 to 21"})
    if person.date_of_birth is None:
        raise ValidationError({"age": "Record the young person's date of birth first"})
    not_in_future(contact_date, field="contact_date", label="The contact date")
    start, end = eligibility.oc3_window(person.date_of_birth, age)
    if not start <= contact_date <= end:
        raise ValidationError(
            {
                "contact_date": f"The contact date must be between {start:%-d %B %Y} and {end:%-d %B %Y} "
                f"(3 months before to 1 month after the {eligibility.ordinal(age)} birthday)"
            }
        )
    if in_touch not in ssda903.IN_TOUCH:
        raise ValidationError({"in_touch": "Select whether the young person is in touch"})
    if in_touch == "YES":
        errors = {}
        if activity not in ssda903.CARE_LEAVER_ACTIVITY:
            errors["activity"] = "Select the main activity"
        if accommodation not in ssda903.CARE_LEAVER_ACCOMMODATION:
            errors["accommodation"] = "Select the accommodation"
        if suitability not in pcodes.OC3_SUITABILITY:
            errors["suitability"] = "Select whether the accommodation is suitable"
        if errors:
            raise ValidationError(errors)
    if in_touch == "DIED":
        activity = accommodation = suitability = ""
    if accommodation and suitability not in pcodes.OC3_SUITABILITY:
        raise ValidationError({"suitability": "Select whether the accommodation is suitable"})
    values = {
        "contact_date": contact_date,
        "in_touch": in_touch,
        "activity": activity,
        "accommodation": accommodation,
        "suitability": suitability if accommodation else "",
        "recorded_by": actor,
    }
    status, created = BirthdayStatus.objects.update_or_create(person=person, age=age, defaults=values)
    audit_and_tell(
        actor,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        person,
        status,
        f"Recorded the status at the {eligibility.ordinal(age)} birthday",
        changes={k: v for k, v in values.items() if k != "recorded_by"},
    )
    return status
