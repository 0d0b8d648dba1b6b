"""Complaint clocks (Children Act 1989 Representations Procedure (England) Regulations 2006;
TIMESCALES.md §5.2). Working days: the start day is day 0 (`timescales.add_working_days`).

* Stage 1: respond within 10 working days of receipt, or 20 where extended
  (rules ``complaint_stage_1`` / ``complaint_stage_1_extended``).
* Stage 2: investigate and respond within 25 working days of the start of stage 2, or at most
  65 where extended (``complaint_stage_2`` / ``complaint_stage_2_max``).
* Stage 3: the review panel meets within 30 working days of the request (``complaint_stage_3_panel``).
"""

from datetime import date

import timescales

from .models import Complaint


def stage_due(complaint: Complaint) -> tuple[str, date] | None:
    """The rule and due date of the current stage's response, or None when nothing is awaited."""
    if complaint.status == "STAGE_1" and complaint.stage_1_responded_on is None:
        rule = "complaint_stage_1_extended" if complaint.stage_1_extended else "complaint_stage_1"
        return rule, timescales.due_date(rule, complaint.received_on)  # type: ignore[return-value]
    if (
        complaint.status == "STAGE_2"
        and complaint.stage_2_responded_on is None
        and complaint.stage_2_started_on
    ):
        rule = "complaint_stage_2_max" if complaint.stage_2_extended else "complaint_stage_2"
        return rule, timescales.due_date(rule, complaint.stage_2_started_on)  # type: ignore[return-value]
    if complaint.status == "STAGE_3" and complaint.panel_held_on is None and complaint.stage_3_requested_on:
        rule = "complaint_stage_3_panel"
        return rule, timescales.due_date(rule, complaint.stage_3_requested_on)  # type: ignore[return-value]
    return None
