"""Pure rules for assessments: which clock applies, what must be recorded before submission."""

from datetime import date

from frontdoor.models import Referral

from .models import Assessment, AssessmentKind, AssessmentOutcome


def clock_start(kind: str, referral: Referral, start_date: date) -> date:
    """The clock for an assessment: the referral date for the single assessment (Working
    Together 2023 ch.3: 45 working days from the point of referral); legacy initial
    assessments ran from the referral too, legacy core assessments from their own start."""
    return start_date if kind == AssessmentKind.LEGACY_CORE else referral.referral_date


def missing_for_submission(a: Assessment) -> dict[str, str]:
    """What must be recorded before the assessment can go to a manager."""
    missing = {}
    if not a.risk_factors:
        missing["risk_factors"] = "Enter the risk factors"
    if not a.protective_factors:
        missing["protective_factors"] = "Enter the protective factors"
    if not a.identity:
        missing["identity"] = (
            "Enter how the child's identity, culture, religion, language and disability were considered"
        )
    if not a.child_wishes:
        missing["child_wishes"] = "Enter the child's wishes and feelings, in their words"
    if not a.analysis:
        missing["analysis"] = "Enter the analysis"
    if not a.factors:
        missing["factors"] = "Select the factors identified (or 'No factors identified')"
    if not a.outcomes:
        missing["outcomes"] = "Select at least one outcome"
    if AssessmentOutcome.OTHER in a.outcomes and not a.outcome_other:
        missing["outcome_other"] = "Describe the other outcome"
    return missing
