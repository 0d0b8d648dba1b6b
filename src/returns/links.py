"""Where in the child's record a finding is fixed: the source of a return row -> a page.

Each builder tells us the recorded object a row came from ("app_label.modelname", pk). The
table below maps it to the page a worker edits it on: the object's own page where one
exists, else the child's page for that stage (or its section of the child's page). A source
not in the table falls back to the child's page. Every target page applies the access door
itself; a link is only a way there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Target:
    url_name: str
    by: str  # "pk": the object's own page, keyed by its pk; "person": the child's page
    kwarg: str = "person_id"
    anchor: str = ""
    label: str = ""


TARGETS: dict[str, Target] = {
    # The child's own details (name, date of birth, sex, ethnicity, UPN, disability, ...).
    "people.person": Target("people:edit", "person", label="Edit the child's details"),
    "people.persondisability": Target("people:detail", "person", label="The child's record"),
    "people.immigrationstatus": Target("people:detail", "person", label="The child's record"),
    "people.address": Target("people:detail", "person", label="The child's record"),
    # Front door: contacts and referrals (CIN episodes).
    "frontdoor.contact": Target("frontdoor:contact", "pk", kwarg="contact_id", label="The contact"),
    "frontdoor.referral": Target(
        "people:detail", "person", anchor="children-in-need", label="Children in need"
    ),
    "frontdoor.contactchild": Target("people:detail", "person", anchor="front-door", label="Front door"),
    # Assessments.
    "assessments.assessment": Target(
        "assessments:detail", "pk", kwarg="assessment_id", label="The assessment"
    ),
    # Child protection.
    "protection.s47enquiry": Target("protection:s47", "pk", kwarg="s47_id", label="The section 47 enquiry"),
    "protection.cpplan": Target("protection:plan", "pk", kwarg="plan_id", label="The child protection plan"),
    "protection.conference": Target(
        "people:detail", "person", anchor="child-protection", label="Child protection"
    ),
    "protection.strategydiscussion": Target(
        "people:detail", "person", anchor="child-protection", label="Child protection"
    ),
    # Children in need plans.
    "cin.cinplan": Target("cin:plan", "pk", kwarg="plan_id", label="The child in need plan"),
    # Children in care: episodes, placements, legal statuses, reviews, health, missing.
    "looked_after.periodofcare": Target("looked_after:timeline", "person", label="Time in care"),
    "looked_after.careepisode": Target("looked_after:timeline", "person", label="Time in care"),
    "looked_after.placement": Target("looked_after:timeline", "person", label="Time in care"),
    "looked_after.legalstatusperiod": Target("looked_after:timeline", "person", label="Time in care"),
    "looked_after.lacreview": Target("looked_after:timeline", "person", label="Time in care"),
    "looked_after.healthassessment": Target("looked_after:timeline", "person", label="Time in care"),
    "looked_after.educationplan": Target("looked_after:timeline", "person", label="Time in care"),
    "looked_after.missingepisode": Target(
        "looked_after:update_missing", "pk", kwarg="episode_id", label="The missing episode"
    ),
    # Care leavers.
    "care_leavers.careleaver": Target("care_leavers:edit_record", "person", label="Care leaver details"),
    "care_leavers.birthdaystatus": Target(
        "people:detail", "person", anchor="care-leaver", label="Care leaver"
    ),
    # Permanence: adoption, orders, proceedings.
    "permanence.adoptioncase": Target("people:detail", "person", label="The child's record"),
    "permanence.courtorder": Target("people:detail", "person", label="The child's record"),
}


@dataclass(frozen=True)
class Link:
    url: str
    label: str


def link_for(person_id: int | None, model: str, pk: int | None) -> Link | None:
    """The page where the finding on this source is fixed; None when there is no child."""
    target = TARGETS.get(model.lower()) if model else TARGETS["people.person"]
    if target is not None:
        key = pk if target.by == "pk" else person_id
        if key is not None:
            try:
                url = reverse(target.url_name, kwargs={target.kwarg: key})
            except NoReverseMatch:
                url = ""
            if url:
                return Link(url + (f"#{target.anchor}" if target.anchor else ""), target.label)
    if person_id is None:
        return None
    return Link(reverse("people:detail", kwargs={"person_id": person_id}), "The child's record")
