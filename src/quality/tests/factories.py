"""Audits made through the service, with every question of the tool answered; the
multi-agency programme the partner-audit tests draw."""

from quality import services
from quality.models import AuditProgramme, AuditQuestion, AuditTool, CaseAudit

from .conftest import day


def answers_for(tool, grade="GOOD"):  # type: ignore[no-untyped-def]
    """Every question of `tool` answered with `grade` and evidence."""
    return {
        q.pk: (grade, "Seen alone on 3 visits; views quoted.")
        for q in AuditQuestion.objects.filter(section__tool=tool)
    }


def make_audit(actor, person, tool, **extra) -> CaseAudit:  # type: ignore[no-untyped-def]
    """A completed audit of `person`'s case, graded good two days ago unless `extra` says otherwise."""
    values = {
        "audited_on": day(-2),
        "answers": answers_for(tool),
        "grade": "GOOD",
        "learning": "Direct work is strong; the plan lacks a contingency.",
    }
    values.update(extra)
    return services.record_audit(actor=actor, person=person, tool=tool, **values)


def multi_agency_programme(lead, partner) -> AuditProgramme:  # type: ignore[no-untyped-def]
    """This month's "Multi-agency audit" of five children drawn at random by `lead`, with
    `partner` as its partner auditor."""
    return services.draw_programme(
        actor=lead,
        name="Multi-agency audit",
        month=day(0),
        tool=AuditTool.objects.get(),
        rule="RANDOM",
        size=5,
        partners=[partner],
    )
