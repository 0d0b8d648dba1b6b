"""Adoption (AD1, PlacedAdoption) and the permanence a child had before care (PrevPerm)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from permanence.models import AdoptionCase, PreviousPermanence

from ...base import Source
from .. import codes as c
from .year import Row, YearBuild


def adoption(b: YearBuild) -> None:
    adopted = {
        r["person_id"]: r
        for r in b.episode_rows
        if r["reason_ceased"] in {"E11", "E12"} and r["end_date"] and b.start <= r["end_date"] <= b.end
    }
    cases: dict[int, list[Row]] = defaultdict(list)
    a: Row
    for a in (
        AdoptionCase.objects.filter(person_id__in=b.cohort, adm_decision_date__lte=b.end)
        .order_by("adm_decision_date", "id")
        .values(
            "id", "person_id", "adm_decision_date", "matched_date", "adopted_by_foster_carer",
            "number_of_adopters", "adopter_sex", "adopter_legal_status", "reversed_date", "reversed_reason",
            "adoption_order_date",
        )
    ):  # fmt: skip
        cases[a["person_id"]].append(a)
    ad1 = b.tables["AD1"]
    for pk in sorted(adopted, key=lambda k: str(b.people[k]["la_child_id"])):
        current = [a for a in cases.get(pk, []) if not a["reversed_date"]]
        if not current:
            ad1.add(
                [b.child(pk), b.dob(pk), "", "", "", "", "", ""],
                Source(pk, "looked_after.careepisode", int(adopted[pk]["id"])),
            )
            continue
        a = current[-1]
        ad1.add(
            [
                b.child(pk),
                b.dob(pk),
                c.fmt(a["adm_decision_date"]),
                c.fmt(a["matched_date"]),
                c.flag(bool(a["adopted_by_foster_carer"])),
                str(a["number_of_adopters"] or ""),
                a["adopter_sex"],
                a["adopter_legal_status"],
            ],
            Source(pk, "permanence.adoptioncase", int(a["id"])),
        )
    placed = b.tables["PlacedAdoption"]
    for pk in sorted(cases, key=lambda k: str(b.people[k]["la_child_id"])):
        for a in cases[pk]:
            reversed_on = a["reversed_date"]
            if isinstance(reversed_on, date) and reversed_on < b.start:
                continue
            if isinstance(reversed_on, date) and reversed_on > b.end:
                reversed_on = None
            placed.add(
                [
                    b.child(pk),
                    b.dob(pk),
                    c.fmt(a["adm_decision_date"]),
                    c.fmt(reversed_on),
                    a["reversed_reason"] if reversed_on else "",
                ],
                Source(pk, "permanence.adoptioncase", int(a["id"])),
            )


def prev_perm(b: YearBuild) -> None:
    table = b.tables["PrevPerm"]
    # Asked of children who started to be looked after in the year (rules 630, 634).
    started = {
        r["person_id"]
        for r in b.episode_rows
        if r["reason_new_episode"] == "S" and r["start_date"] >= b.start
    }
    for r in (
        PreviousPermanence.objects.filter(person_id__in=b.cohort)
        .order_by("person__la_child_id")
        .values("id", "person_id", "prev_perm", "la_perm", "date_perm")
    ):
        pk = r["person_id"]
        if pk not in started:
            continue
        z1 = r["prev_perm"] == "Z1"
        table.add(
            [
                b.child(pk),
                b.dob(pk),
                r["prev_perm"],
                "" if z1 else r["la_perm"],
                "" if z1 else r["date_perm"],
            ],
            Source(pk, "permanence.previouspermanence", r["id"]),
        )
