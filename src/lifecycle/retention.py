"""Which records are past their retention period (pure reads; rules in `retention_rules`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .retention_rules import RULES_BY_ID, RetentionRule


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none: 1 March
        return date(day.year + years, 3, 1)


def keep_until(
    date_of_birth: date, date_of_death: date | None, rule_ids: Iterable[str]
) -> tuple[RetentionRule, date]:
    """The latest keep-until date over the rules that apply, and the rule that sets it.

    Looked-after children who died before 18: 15 years after death (reg. 50), unless a
    longer rule applies.
    """
    best: tuple[RetentionRule, date] | None = None
    for rule_id in rule_ids:
        rule = RULES_BY_ID[rule_id]
        until = add_years(date_of_birth, rule.years_after_birth or 0)
        if (
            rule.years_after_death
            and date_of_death is not None
            and date_of_death < add_years(date_of_birth, 18)
        ):
            until = add_years(date_of_death, rule.years_after_death)
        if best is None or until > best[1]:
            best = (rule, until)
    if best is None:
        raise ValueError("no retention rule applies")
    return best


@dataclass(frozen=True)
class PastRetention:
    person_id: int
    la_child_id: str
    rule: RetentionRule
    retain_until: date


def rules_for(person_id: int, cared_for: set[int], referred: set[int]) -> list[str]:
    rules = ["other_child"]
    if person_id in referred:
        rules.append("child_in_need")
    if person_id in cared_for:
        rules.append("looked_after")
    return rules


def past_retention(
    today: date, *, person_id: int | None = None, deciding: int | None = None
) -> list[PastRetention]:
    """Child records whose keep-until date has passed and with no open work (a few queries).

    `person_id` asks about one record only; `deciding` is the deletion request being decided,
    which does not itself count as a pending proposal (approval asks again whether the record
    is still past retention, as a referral or a period of care may have opened since)."""
    from frontdoor.models import Referral
    from looked_after.models import PeriodOfCare
    from people.models import Person, RecordType

    from .models import DeletionRequest, DeletionStatus

    # No rule keeps a record for less than 15 years after birth or death, so only these can be due.
    people = Person.objects.filter(record_type=RecordType.CHILD, date_of_birth__isnull=False)
    if person_id is not None:
        people = people.filter(pk=person_id)
    candidates = list(
        people.filter(date_of_birth__lte=add_years(today, -15)).values(
            "id", "la_child_id", "date_of_birth", "date_of_death"
        )
    )
    ids = [c["id"] for c in candidates]
    cared = set(PeriodOfCare.objects.filter(person_id__in=ids).values_list("person_id", flat=True))
    open_care = set(
        PeriodOfCare.objects.filter(person_id__in=ids, end_date__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    referred = set(Referral.objects.filter(person_id__in=ids).values_list("person_id", flat=True))
    open_referrals = set(
        Referral.objects.filter(person_id__in=ids, closure_date__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    requests = DeletionRequest.objects.filter(
        person_id__in=ids, status__in=[DeletionStatus.PROPOSED, DeletionStatus.APPROVED]
    )
    if deciding is not None:
        requests = requests.exclude(pk=deciding)
    pending = set(requests.values_list("person_id", flat=True))
    due = []
    for c in candidates:
        if c["id"] in open_care | open_referrals | pending:
            continue
        born: date = c["date_of_birth"]  # type: ignore[assignment]  # filtered not null above
        rule, until = keep_until(born, c["date_of_death"], rules_for(c["id"], cared, referred))
        if until < today:
            due.append(PastRetention(c["id"], c["la_child_id"], rule, until))
    return sorted(due, key=lambda d: d.retain_until)
