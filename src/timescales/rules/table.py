"""The national timescales, as data, grouped by subject (the conventions are in
`timescales.rules`). Each rule names its legal source and its row in the project's
timescales reference."""

from .rule import Confidence, Rule, Unit


def _rule(
    rule_id: str,
    amount: int,
    unit: Unit,
    *,
    description: str,
    legal_source: str,
    clock_start: str,
    confidence: Confidence,
    reference: str,
) -> Rule:
    """Shorthand constructor keeping the table below compact."""
    return Rule(
        id=rule_id,
        description=description,
        legal_source=legal_source,
        clock_start=clock_start,
        unit=unit,
        amount=amount,
        confidence=confidence,
        reference=reference,
    )


_WD = Unit.WORKING_DAYS
_H, _MH, _M = Confidence.HIGH, Confidence.MEDIUM_HIGH, Confidence.MEDIUM

_WT2023 = "Working Together to Safeguard Children 2023"
_CPPCR = "Care Planning, Placement and Case Review (England) Regulations 2010"
_CLR = "Care Leavers (England) Regulations 2010"
_AAR = "Adoption Agencies Regulations 2005"
_COMPLAINTS = "Children Act 1989 Representations Procedure (England) Regulations 2006"
_AF2000 = "Framework for the Assessment of Children in Need and their Families (DH, 2000)"

RULE_LIST: tuple[Rule, ...] = (
    # --- Front door, assessment and child protection -------------------------------------
    _rule(
        "referral_decision",
        1,
        _WD,
        description="Decide the type of response to a referral and acknowledge it to the "
        "referrer within 1 working day.",
        legal_source=f"{_WT2023}, ch.3 (same rule since 2013; Assessment Framework 2000)",
        clock_start="Referral received",
        confidence=_H,
        reference="1.1",
    ),
    _rule(
        "assessment",
        45,
        _WD,
        description="Conclude the child and family assessment within 45 working days of the "
        "point of referral (a maximum, not a target).",
        legal_source=f"{_WT2023}, ch.3 (since 2013); DfE children in need statistics; "
        "CIN census validation rule 8670Q",
        clock_start="Referral received (the CIN census measures from assessment start)",
        confidence=_H,
        reference="1.2",
    ),
    _rule(
        "icpc",
        15,
        _WD,
        description="Hold the initial child protection conference within 15 working days of "
        "the strategy discussion at which the section 47 enquiry was initiated.",
        legal_source=f"{_WT2023}, ch.3; CIN census data item N00109 (InitialCPCtarget)",
        clock_start="Strategy discussion that initiated the section 47 enquiry",
        confidence=_H,
        reference="1.5",
    ),
    _rule(
        "transfer_in_conference",
        15,
        _WD,
        description="Hold a transfer-in child protection conference within 15 working days "
        "when a child subject to another authority's plan moves into the area.",
        legal_source="Working Together to Safeguard Children 2018 wording; local procedures",
        clock_start="Notification of the child's move into the area",
        confidence=_M,
        reference="1.6",
    ),
    _rule(
        "first_core_group",
        10,
        _WD,
        description="Hold the first core group meeting within 10 working days of the initial "
        "child protection conference.",
        legal_source="Working Together to Safeguard Children 2013 and 2018 flowcharts; "
        "retained in local procedures updated for 2023",
        clock_start="Initial child protection conference",
        confidence=_MH,
        reference="1.7",
    ),
    _rule(
        "first_cp_review",
        3,
        Unit.MONTHS,
        description="Hold the first child protection review conference within 3 months of "
        "the initial conference.",
        legal_source=f"{_WT2023}, ch.3 (unchanged since 2006)",
        clock_start="Initial child protection conference",
        confidence=_H,
        reference="1.9",
    ),
    _rule(
        "cp_review",
        6,
        Unit.MONTHS,
        description="Hold further child protection review conferences at intervals of not "
        "more than 6 months while the plan lasts.",
        legal_source=f"{_WT2023}, ch.3 (unchanged since 2006)",
        clock_start="Previous child protection review conference",
        confidence=_H,
        reference="1.9",
    ),
    # --- Looked-after children -------------------------------------------------------------
    _rule(
        "care_plan",
        10,
        _WD,
        description="Prepare the care plan before the first placement or, if not "
        "practicable, within 10 working days of its start.",
        legal_source=f"{_CPPCR}, reg 4(2)",
        clock_start="Start of the first placement",
        confidence=_H,
        reference="2.2",
    ),
    _rule(
        "placement_plan",
        5,
        _WD,
        description="Prepare the placement plan before placement or, if not practicable, "
        "within 5 working days of the placement starting.",
        legal_source=f"{_CPPCR}, reg 9",
        clock_start="Start of the placement",
        confidence=_MH,
        reference="2.3",
    ),
    _rule(
        "placement_notification",
        5,
        _WD,
        description="Notify the placement in writing (child, parents, IRO, health, GP, "
        "school and others) before it starts, or within 5 working days in an emergency.",
        legal_source=f"{_CPPCR}, reg 13",
        clock_start="Start of the placement",
        confidence=_H,
        reference="2.4",
    ),
    _rule(
        "placement_visit_first",
        7,
        Unit.CALENDAR_DAYS,
        description="Visit the child within 1 week of the start of any placement.",
        legal_source=f"{_CPPCR}, reg 28(2)",
        clock_start="Start of the placement",
        confidence=_H,
        reference="2.6",
    ),
    _rule(
        "lac_first_review",
        20,
        _WD,
        description="Hold the first looked-after review within 20 working days of the child "
        "becoming looked after.",
        legal_source=f"{_CPPCR}, reg 33",
        clock_start="Date the child became looked after (SSDA903 DECOM)",
        confidence=_H,
        reference="2.12",
    ),
    _rule(
        "lac_second_review",
        3,
        Unit.MONTHS,
        description="Hold the second looked-after review not more than 3 months after the first.",
        legal_source=f"{_CPPCR}, reg 33",
        clock_start="First looked-after review",
        confidence=_H,
        reference="2.12",
    ),
    _rule(
        "lac_review",
        6,
        Unit.MONTHS,
        description="Hold later looked-after reviews not more than 6 months after the previous one.",
        legal_source=f"{_CPPCR}, reg 33",
        clock_start="Previous looked-after review",
        confidence=_H,
        reference="2.12",
    ),
    _rule(
        "initial_health_assessment",
        20,
        _WD,
        description="Complete the initial health assessment report within 20 working days "
        "of entering care, so it informs the first review and health plan.",
        legal_source=f"{_CPPCR}, reg 7; Promoting the health and wellbeing of looked-after "
        "children (DfE/DH statutory guidance, 2015, updated 2022)",
        clock_start="Date the child became looked after (SSDA903 DECOM)",
        confidence=_H,
        reference="2.20",
    ),
    _rule(
        "pep_initial",
        10,
        _WD,
        description="Initiate the personal education plan within 10 working days of becoming looked after.",
        legal_source="Promoting the education of looked-after and previously looked-after "
        "children (DfE statutory guidance, 2018)",
        clock_start="Date the child became looked after",
        confidence=_MH,
        reference="2.24",
    ),
    _rule(
        "return_home_interview",
        72,
        Unit.HOURS,
        description="Carry out a return home interview within 72 hours of the child's "
        "return after any missing episode.",
        legal_source="Children who run away or go missing from home or care (DfE statutory guidance, 2014)",
        clock_start="Time the child returned or was found",
        confidence=_H,
        reference="2.25",
    ),
    # --- Care leavers ----------------------------------------------------------------------
    _rule(
        "care_leaver_needs_assessment",
        3,
        Unit.MONTHS,
        description="Complete an eligible child's needs assessment not more than 3 months "
        "after the 16th birthday (or after becoming eligible, if later).",
        legal_source=f"{_CPPCR}, regs 40 and 42",
        clock_start="16th birthday, or the date the young person became eligible if later",
        confidence=_H,
        reference="3.1",
    ),
    _rule(
        "pathway_plan_review",
        6,
        Unit.MONTHS,
        description="Review the pathway plan at least every 6 months.",
        legal_source=f"{_CPPCR}, reg 43; {_CLR}, reg 7",
        clock_start="Pathway plan date or previous review",
        confidence=_MH,
        reference="3.2",
    ),
    _rule(
        "pa_visit",
        2,
        Unit.MONTHS,
        description="Personal adviser visits, where the authority provides the "
        "accommodation, at intervals of not more than 2 months.",
        legal_source=f"{_CLR}, reg 8",
        clock_start="Previous personal adviser visit",
        confidence=_H,
        reference="3.3",
    ),
    # --- Permanence, adoption and court ----------------------------------------------------
    _rule(
        "care_proceedings",
        26,
        Unit.WEEKS_BEGINNING_WITH,
        description="Dispose of care or supervision proceedings within 26 weeks beginning "
        "with the day the application was issued.",
        legal_source="Children Act 1989, s32 (as amended by the Children and Families Act 2014, s14)",
        clock_start="Day the application was issued (counts as day 1)",
        confidence=_H,
        reference="4.1",
    ),
    _rule(
        "adoption_review_first_not_placed",
        3,
        Unit.MONTHS,
        description="First adoption review of a child with authority to place but not yet "
        "placed, not more than 3 months after authority was obtained.",
        legal_source=f"{_AAR}, reg 36(1)",
        clock_start="Authority to place obtained (placement order or consent)",
        confidence=_H,
        reference="4.3",
    ),
    _rule(
        "adm_decision",
        7,
        _WD,
        description="Agency decision maker's decision within 7 working days of the panel recommendation.",
        legal_source=f"{_AAR}, reg 19; adoption statutory guidance 2013",
        clock_start="Adoption panel recommendation",
        confidence=_M,
        reference="4.5",
    ),
    _rule(
        "plo_pre_proceedings",
        16,
        Unit.WEEKS,
        description="Conclude pre-proceedings under the Public Law Outline within about 16 weeks "
        "(guidance, not law).",
        legal_source="Public Law Working Group guidance (2021, updated 2023); PLO practice guidance",
        clock_start="Letter before proceedings (or the legal gateway decision if no letter)",
        confidence=Confidence.LOW,
        reference="4.2",
    ),
    _rule(
        "adoption_review_first_placed",
        4,
        Unit.WEEKS,
        description="First adoption review of a child placed for adoption not more than 4 weeks "
        "after the placement.",
        legal_source=f"{_AAR}, reg 36(3)",
        clock_start="Date placed for adoption",
        confidence=_H,
        reference="4.4",
    ),
    # --- Complaints ------------------------------------------------------------------------
    _rule(
        "complaint_stage_1",
        10,
        _WD,
        description="Respond to a stage 1 complaint within 10 working days (extendable to 20).",
        legal_source=_COMPLAINTS,
        clock_start="Receipt of the complaint",
        confidence=_MH,
        reference="5.2",
    ),
    _rule(
        "complaint_stage_2",
        25,
        _WD,
        description="Complete a stage 2 investigation within 25 working days (maximum 65).",
        legal_source=_COMPLAINTS,
        clock_start="Start of stage 2 (request for investigation)",
        confidence=_MH,
        reference="5.2",
    ),
    _rule(
        "complaint_stage_1_extended",
        20,
        _WD,
        description="Respond to a stage 1 complaint within 20 working days where the time limit "
        "was extended (complex complaints, advocate needed).",
        legal_source=f"{_COMPLAINTS}, reg 14",
        clock_start="Receipt of the complaint",
        confidence=_MH,
        reference="5.2",
    ),
    _rule(
        "complaint_stage_2_max",
        65,
        _WD,
        description="Complete a stage 2 investigation within 65 working days at most (extended).",
        legal_source=f"{_COMPLAINTS}, reg 17",
        clock_start="Start of stage 2 (request for investigation)",
        confidence=_MH,
        reference="5.2",
    ),
    _rule(
        "complaint_stage_3_panel",
        30,
        _WD,
        description="Convene the stage 3 review panel within 30 working days of the request.",
        legal_source=f"{_COMPLAINTS}, reg 19",
        clock_start="Request for a review panel",
        confidence=_H,
        reference="5.2",
    ),
    # --- Access to records (UK GDPR) -------------------------------------------------------
    _rule(
        "subject_access",
        1,
        Unit.MONTHS,
        description="Respond to a subject access request without undue delay and at the latest "
        "within one month of receipt (to the corresponding date; if that is not a working day, "
        "the next working day).",
        legal_source="UK GDPR Art 12(3); ICO guidance on the right of access (time limits)",
        clock_start="Subject access request received",
        confidence=_H,
        reference="5",  # other statutory clocks; UK GDPR, not in the reference table
    ),
    _rule(
        "subject_access_extended",
        3,
        Unit.MONTHS,
        description="A complex or numerous request may be extended by up to two further months "
        "(three months from receipt at most); the requester must be told, with reasons, within "
        "the first month.",
        legal_source="UK GDPR Art 12(3)",
        clock_start="Subject access request received",
        confidence=_H,
        reference="5",  # other statutory clocks; UK GDPR, not in the reference table
    ),
    # --- Pre-2013 rules (historic records and 2010-2012 inspection reports) ---------------
    _rule(
        "legacy_initial_assessment",
        7,
        _WD,
        description="Initial assessment within 7 working days of referral (pre-2013; NI 59).",
        legal_source=f"{_AF2000}; NI 59",
        clock_start="Referral received",
        confidence=_MH,
        reference="7",
    ),
    _rule(
        "legacy_core_assessment",
        35,
        _WD,
        description="Core assessment within 35 working days of its commencement (pre-2013; NI 60).",
        legal_source=f"{_AF2000}; NI 60",
        clock_start="Commencement of the core assessment",
        confidence=_H,
        reference="7",
    ),
)
