"""Build the SSDA903 return for a collection year from what workers recorded.

Set-based: one query per recorded object type for the whole cohort (never one per child), so
the build time grows with the rows in the year, not with the number of queries. Each row
carries its `Source`: the child and the recorded object a worker edits to change it.

Who is in the return (DfE SSDA903 guide, RETURNS.md §A):

* **Episodes**: every episode open at any time in the year (DECOM on or before 31 March and
  DEC, if any, on or after 1 April). A DEC after 31 March is not yet known at year end and is
  left blank, with its REC.
* **Header**: every child with an episode in the year, and every care leaver with an OC3
  status for a 17th–21st birthday in the year.
* **Reviews**: statutory reviews held in the year. **Missing**: episodes that started in the
  year or were open at its start. **PrevPerm**: recorded for children in the episodes table.
* **OC2**: children looked after continuously throughout the year (started on or before
  1 April, still looked after on 31 March, care ending on 31 March included, as the DfE's
  rules 187 and 191 count it; not only short breaks), from the health
  assessments of the year (of the last 12 months, while the year is still in progress).
* **AD1**: children whose care ended by adoption (REC E11/E12) in the year.
* **PlacedAdoption**: "should be placed for adoption" decisions on or before 31 March not
  reversed before 1 April, for children in the episodes table.
* **SWEpisodes** (from 2023/24): social-worker allocations overlapping the year while looked
  after, for children with an episode not on short breaks.
* **UASC**: children in the episodes table recorded as unaccompanied asylum-seeking children.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from care_leavers import eligibility
from looked_after.models import (
    CareEpisode,
    HealthAssessment,
    HealthCheckKind,
    LACReview,
    MissingEpisode,
    PeriodOfCare,
)
from people.models import Address, ImmigrationStatus, Person, PersonRelationship, RelationshipType
from permanence.models import AdoptionCase, PreviousPermanence
from workforce.models import Allocation, AllocationRole

from ..base import Gap, Progress, ReturnOutput, Source, Table, no_progress
from . import codes as c

NAME = "ssda903"
Row = Mapping[str, Any]
SHORT_BREAKS = frozenset({"V3", "V4"})
OC3_CATEGORIES = frozenset({eligibility.RELEVANT, eligibility.FORMER_RELEVANT})


def build(
    year: int, *, person_ids: Iterable[int] | None = None, progress: Progress | None = None
) -> ReturnOutput:
    """The SSDA903 return for the collection year ending 31 March `year`."""
    report = progress or no_progress
    builder = _Builder(year, None if person_ids is None else set(person_ids))
    steps = builder.steps()
    for done, (stage, step) in enumerate(steps):
        report(done, len(steps), stage)
        step()
    report(len(steps), len(steps), "done")
    return builder.output()


class _Builder:
    def __init__(self, year: int, person_ids: set[int] | None) -> None:
        self.year = year
        self.start, self.end = c.collection_period(year)
        self.only = person_ids
        self.tables = {name: Table(name, c.TABLE_COLUMNS[name]) for name in c.tables_for(year)}
        self.people: dict[int, Row] = {}
        self.episode_children: set[int] = set()
        self.gaps: list[Gap] = []

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("episodes", self.episodes),
            ("care leavers", self.oc3),
            ("header", self.header),
            ("reviews", self.reviews),
            ("uasc", self.uasc),
            ("health", self.oc2),
            ("adoption", self.adoption),
            ("previous permanence", self.prev_perm),
            ("missing", self.missing),
            ("social workers", self.sw_episodes),
            ("deprivation of liberty", self.dolo),
        ]

    def _scope(self, field: str = "person_id") -> Q:
        return Q(**{f"{field}__in": self.only}) if self.only is not None else Q()

    def _person(self, pk: int) -> Row:
        return self.people[pk]

    def _dob(self, pk: int) -> str:
        """DOB; blank when not recorded (the validator's rule 102 then asks for it)."""
        dob = self.people[pk]["date_of_birth"]
        return c.fmt(dob) if isinstance(dob, date) else ""

    def _child(self, pk: int) -> str:
        return str(self.people[pk]["la_child_id"])

    # -- episodes ------------------------------------------------------------------------------

    def episodes(self) -> None:
        in_year = CareEpisode.objects.filter(
            self._scope(),
            Q(end_date__isnull=True) | Q(end_date__gte=self.start),
            start_date__lte=self.end,
        )
        # The cohort as a subquery: other tables filter on it in SQL, not on thousands of ids.
        self.cohort = in_year.values("person_id")
        rows = list(
            in_year.order_by("person_id", "start_date", "id").values(
                "id",
                "person_id",
                "period_id",
                "period__start_date",
                "start_date",
                "reason_new_episode",
                "legal_status__legal_status",
                "period__category_of_need",
                "placement_id",
                "placement__placement_type",
                "placement__provider",
                "placement__postcode",
                "placement__urn",
                "placement__reason_for_change",
                "placement__end_date",
                "end_date",
                "reason_ceased",
            )
        )
        self.episode_rows = rows
        self.episode_children = {r["person_id"] for r in rows}
        self._load_people(self.cohort)
        homes = self._home_postcodes()
        uasc = self._uasc_children()
        table = self.tables["Episodes"]
        by_child: dict[int, list[Row]] = defaultdict(list)
        r: Row
        for r in rows:
            by_child[r["person_id"]].append(r)
        for pk, eps in by_child.items():
            for i, r in enumerate(eps):
                end = r["end_date"] if r["end_date"] and r["end_date"] <= self.end else None
                place = c.placement_code(str(r["placement__placement_type"]), self.year)
                # REASON_PLACE_CHANGE belongs to the episode whose placement ended (rule 225).
                nxt = eps[i + 1] if i + 1 < len(eps) else None
                moved = bool(
                    end and nxt and nxt["placement_id"] != r["placement_id"] and nxt["start_date"] == end
                )
                reason = str(r["placement__reason_for_change"] or "") if moved else ""
                if nxt is not None and (
                    place in c.TEMPORARY
                    or c.placement_code(str(nxt["placement__placement_type"]), self.year) in c.TEMPORARY
                ):
                    reason = ""  # rule 226: none on temporary placements or the episode before one
                short_break = r["legal_status__legal_status"] in SHORT_BREAKS
                home = "" if short_break or pk in uasc else _home_at(homes.get(pk, []), r["start_date"])
                table.add(
                    [
                        self._child(pk),
                        c.fmt(r["start_date"]),
                        r["reason_new_episode"],
                        r["legal_status__legal_status"],
                        r["period__category_of_need"],
                        place,
                        c.provider_code(place, str(r["placement__provider"]), self.year),
                        c.fmt(end),
                        r["reason_ceased"] if end else "",
                        reason,
                        home,
                        "" if short_break else str(r["placement__postcode"] or "").upper(),
                        c.urn_code(place, str(r["placement__urn"] or "")),
                    ],
                    Source(pk, "looked_after.careepisode", int(r["id"])),
                )

    def _load_people(self, pks: Any) -> None:
        if isinstance(pks, set):
            pks = pks - set(self.people)
            if not pks:
                return
        for p in Person.objects.filter(pk__in=pks).values(
            "id", "la_child_id", "sex", "date_of_birth", "ethnicity", "upn", "upn_unknown_reason"
        ):
            self.people[p["id"]] = p

    def _home_postcodes(self) -> dict[int, list[tuple[date, date | None, str]]]:
        found: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
        for a in (
            Address.objects.filter(person_id__in=self.cohort, kind="HOME")
            .order_by("start_date", "id")
            .values("person_id", "start_date", "end_date", "postcode")
        ):
            found[a["person_id"]].append((a["start_date"], a["end_date"], a["postcode"]))
        return found

    def _uasc_children(self) -> dict[int, Row]:
        """Children recorded as UASC at some time on or before 31 March, latest status each."""
        found: dict[int, Row] = {}
        for s in (
            ImmigrationStatus.objects.filter(
                person_id__in=self.cohort, status="UASC", start_date__lte=self.end
            )
            .order_by("start_date", "id")
            .values("id", "person_id", "start_date", "end_date")
        ):
            found[s["person_id"]] = s
        return found

    # -- OC3 -----------------------------------------------------------------------------------

    def oc3(self) -> None:
        from care_leavers.models import BirthdayStatus

        rows = list(
            BirthdayStatus.objects.filter(self._scope(), person__date_of_birth__isnull=False)
            .order_by("person_id", "age")
            .values("id", "person_id", "age", "in_touch", "activity", "accommodation", "suitability",
                    "person__date_of_birth")
        )  # fmt: skip
        cared: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
        for e in self.episode_rows:
            cared[e["person_id"]].append((e["start_date"], e["end_date"]))
        # A care leaver at the birthday: a period of care that had ended by then (the DfE's
        # relevant/former relevant test is rule 1001; Harbour's history is complete).
        left: dict[int, list[date]] = defaultdict(list)
        spans: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
        for p in PeriodOfCare.objects.filter(
            self._scope(), person_id__in={r["person_id"] for r in rows}
        ).values("person_id", "start_date", "end_date"):
            spans[p["person_id"]].append((p["start_date"], p["end_date"]))
            if p["end_date"] is not None:
                left[p["person_id"]].append(p["end_date"])
        chosen: dict[int, Row] = {}
        r: Row
        for r in rows:
            born = r["person__date_of_birth"]
            assert born is not None  # filtered in the query
            day = c.birthday(born, int(r["age"]))
            if not self.start <= day <= self.end:
                continue
            if not any(end <= day for end in left.get(r["person_id"], [])):
                continue  # had not left care by this birthday: not a care leaver
            # Only care leavers: not for a young person still looked after on the birthday (rule 1016).
            if any(
                start <= day and (end is None or end >= day) for start, end in cared.get(r["person_id"], [])
            ):
                continue
            # Only a relevant or former relevant young person (13 weeks looked after since 14,
            # some of it after 16): a "qualifying" care leaver has no OC3 return (rule 1001).
            if eligibility.compute_eligibility(born, spans[r["person_id"]], day) not in OC3_CATEGORIES:
                continue
            chosen[r["person_id"]] = r
        self._load_people(set(chosen))
        self.oc3_children = set(chosen)
        table = self.tables["OC3"]
        for pk in sorted(chosen, key=lambda k: str(self.people[k]["la_child_id"])):
            r = chosen[pk]
            in_touch = str(r["in_touch"])
            table.add(
                [
                    self._child(pk),
                    self._dob(pk),
                    in_touch,
                    c.activ_code(str(r["activity"]), in_touch),
                    c.accom_code(str(r["accommodation"]), str(r["suitability"]), in_touch),
                ],
                Source(pk, "care_leavers.birthdaystatus", int(r["id"])),
            )

    # -- header --------------------------------------------------------------------------------

    def header(self) -> None:
        children = self.episode_children | self.oc3_children
        mothers = self._mothers()
        ends: dict[int, list[date | None]] = defaultdict(list)
        for e in self.episode_rows:
            ends[e["person_id"]].append(
                e["end_date"] if e["end_date"] and e["end_date"] <= self.end else None
            )
        left_care = {pk: max(d for d in dates if d) for pk, dates in ends.items() if all(dates)}
        table = self.tables["Header"]
        for pk in sorted(children, key=lambda k: str(self.people[k]["la_child_id"])):
            p = self.people[pk]
            mother, mc_dob = "", ""
            if p["sex"] == "F" and pk in self.episode_children:
                # Only for girls and young women looked after in the year (rule 628), and a
                # child born while she was looked after (rule 625).
                first = mothers.get(pk)
                if first is not None and pk in left_care and first > left_care[pk]:
                    first = None
                mother = "1" if first else "0"
                mc_dob = c.fmt(first) if first else ""
            table.add(
                [
                    self._child(pk),
                    c.sex_code(str(p["sex"]), self.year),
                    self._dob(pk),
                    p["ethnicity"],
                    c.upn_code(str(p["upn"]), str(p["upn_unknown_reason"])),
                    mother,
                    mc_dob,
                ],
                Source(pk),
            )

    def _mothers(self) -> dict[int, date]:
        """Female children who are recorded as a parent: the date of birth of their first child."""
        first: dict[int, date] = {}
        r: Row
        for r in PersonRelationship.objects.filter(
            person_a_id__in=self.cohort,
            type=RelationshipType.PARENT,
            person_b__date_of_birth__isnull=False,
            person_b__date_of_birth__lte=self.end,
        ).values("person_a_id", "person_b__date_of_birth"):
            dob = r["person_b__date_of_birth"]
            assert dob is not None  # filtered in the query
            if r["person_a_id"] not in first or dob < first[r["person_a_id"]]:
                first[r["person_a_id"]] = dob
        return first

    # -- reviews, UASC ------------------------------------------------------------------------

    def reviews(self) -> None:
        table = self.tables["Reviews"]
        for r in (
            LACReview.objects.filter(person_id__in=self.cohort, held_on__range=(self.start, self.end))
            .order_by("person__la_child_id", "held_on", "id")
            .values("id", "person_id", "held_on", "participation")
        ):
            pk = r["person_id"]
            table.add(
                [self._child(pk), self._dob(pk), c.fmt(r["held_on"]), r["participation"]],
                Source(pk, "looked_after.lacreview", r["id"]),
            )

    def uasc(self) -> None:
        table = self.tables["UASC"]
        statuses = self._uasc_children()
        for pk in sorted(statuses, key=lambda k: str(self.people[k]["la_child_id"])):
            s = statuses[pk]
            dob = self.people[pk]["date_of_birth"]
            ended = s["end_date"]
            if not isinstance(dob, date):
                duc = ended  # no date of birth recorded: rule 102 asks for it
            else:
                eighteenth = c.birthday(dob, 18)
                duc = min(ended, eighteenth) if isinstance(ended, date) else eighteenth
            if duc is not None and duc < self.start - (self.end - self.start):
                continue  # status ceased before last year's return: no longer reported
            table.add(
                [
                    self._child(pk),
                    c.sex_code(str(self.people[pk]["sex"]), self.year),
                    self._dob(pk),
                    c.fmt(duc),
                ],
                Source(pk, "people.immigrationstatus", int(s["id"])),
            )

    # -- OC2 -----------------------------------------------------------------------------------

    def oc2(self) -> None:
        by_child: dict[int, list[Row]] = defaultdict(list)
        for r in self.episode_rows:
            by_child[r["person_id"]].append(r)
        throughout: set[int] = set()
        for pk, eps in by_child.items():
            first, last = eps[0], eps[-1]
            starts_in_year = any(e["reason_new_episode"] == "S" and e["start_date"] > self.start for e in eps)
            # Care ending on 31 March itself still counts as looked after at 31 March (the DfE's rules
            # 187 and 191 expect an OC2 row then).
            ended = last["end_date"] is not None and last["end_date"] < self.end
            if (
                first["start_date"] <= self.start
                and not starts_in_year
                and not ended
                and not all(e["legal_status__legal_status"] in SHORT_BREAKS for e in eps)
            ):
                throughout.add(pk)
        checks: dict[int, list[Row]] = defaultdict(list)
        for h in (
            HealthAssessment.objects.filter(person_id__in=self.cohort, completed_on__range=self.health_window())
            .order_by("completed_on", "id")
            .values(
                "id", "person_id", "kind", "completed_on", "immunisations_up_to_date", "sdq_score", "sdq_reason",
                "substance_misuse", "intervention_received", "intervention_offered", "convicted",
            )
        ):  # fmt: skip
            if h["person_id"] in throughout:
                checks[h["person_id"]].append(h)
        table = self.tables["OC2"]
        for pk in sorted(throughout, key=lambda k: str(self.people[k]["la_child_id"])):
            dob = self.people[pk]["date_of_birth"]
            if not isinstance(dob, date):
                dob = self.start  # not recorded (rule 102): treated as under 4, no age-bound items
            # Before the year: a 17th birthday on 1 April itself is in the year (rules 189, 197B).
            age_end, age_start = c.age_on(dob, self.end), c.age_on(dob, self.start - timedelta(days=1))
            hs = checks.get(pk, [])
            assessments = [h for h in hs if h["kind"] in {HealthCheckKind.INITIAL, HealthCheckKind.REVIEW}]
            sdq_score, sdq_reason = "", ""
            if age_end >= 4 and age_start < 17:
                scored = [h for h in assessments if h["sdq_score"] is not None]
                reasons = [h for h in assessments if h["sdq_reason"]]
                if scored:
                    sdq_score = str(scored[-1]["sdq_score"])
                elif reasons:
                    sdq_reason = str(reasons[-1]["sdq_reason"])
                # Neither recorded: both left blank, and rule 186 asks for one.
            immunised = [
                h["immunisations_up_to_date"]
                for h in assessments
                if h["immunisations_up_to_date"] is not None
            ]
            misuse = any(h["substance_misuse"] for h in hs)
            received = any(h["intervention_received"] for h in hs)
            offered = [h["intervention_offered"] for h in hs if h["intervention_offered"] is not None]
            source_pk = int(assessments[-1]["id"]) if assessments else None
            table.add(
                [
                    self._child(pk),
                    self._dob(pk),
                    sdq_score,
                    sdq_reason,
                    c.flag(any(h["convicted"] for h in hs)) if age_end >= 10 else "",
                    c.flag(bool(assessments)) if age_end < 5 else "",
                    c.flag(bool(immunised and immunised[-1])),
                    c.flag(any(h["kind"] == HealthCheckKind.DENTAL for h in hs)),
                    c.flag(bool(assessments)),
                    c.flag(misuse),
                    c.flag(received) if misuse else "",
                    c.flag(offered[-1] if offered else None) if misuse and not received else "",
                ],
                Source(pk, "looked_after.healthassessment" if source_pk else "", source_pk),
            )

    def health_window(self) -> tuple[date, date]:
        """The year; for a year still in progress, the 12 months to today (the latest
        assessments so far: a review due before 31 March is not yet missing)."""
        today = timezone.localdate()
        if today >= self.end:
            return self.start, self.end
        return today - timedelta(days=365), today

    # -- adoption ------------------------------------------------------------------------------

    def adoption(self) -> None:
        adopted = {
            r["person_id"]: r
            for r in self.episode_rows
            if r["reason_ceased"] in {"E11", "E12"}
            and r["end_date"]
            and self.start <= r["end_date"] <= self.end
        }
        cases: dict[int, list[Row]] = defaultdict(list)
        a: Row
        for a in (
            AdoptionCase.objects.filter(person_id__in=self.cohort, adm_decision_date__lte=self.end)
            .order_by("adm_decision_date", "id")
            .values(
                "id", "person_id", "adm_decision_date", "matched_date", "adopted_by_foster_carer",
                "number_of_adopters", "adopter_sex", "adopter_legal_status", "reversed_date", "reversed_reason",
                "adoption_order_date",
            )
        ):  # fmt: skip
            cases[a["person_id"]].append(a)
        ad1 = self.tables["AD1"]
        for pk in sorted(adopted, key=lambda k: str(self.people[k]["la_child_id"])):
            current = [a for a in cases.get(pk, []) if not a["reversed_date"]]
            if not current:
                ad1.add(
                    [self._child(pk), self._dob(pk), "", "", "", "", "", ""],
                    Source(pk, "looked_after.careepisode", int(adopted[pk]["id"])),
                )
                continue
            a = current[-1]
            ad1.add(
                [
                    self._child(pk),
                    self._dob(pk),
                    c.fmt(a["adm_decision_date"]),
                    c.fmt(a["matched_date"]),
                    c.flag(bool(a["adopted_by_foster_carer"])),
                    str(a["number_of_adopters"] or ""),
                    a["adopter_sex"],
                    a["adopter_legal_status"],
                ],
                Source(pk, "permanence.adoptioncase", int(a["id"])),
            )
        placed = self.tables["PlacedAdoption"]
        for pk in sorted(cases, key=lambda k: str(self.people[k]["la_child_id"])):
            for a in cases[pk]:
                reversed_on = a["reversed_date"]
                if isinstance(reversed_on, date) and reversed_on < self.start:
                    continue
                if isinstance(reversed_on, date) and reversed_on > self.end:
                    reversed_on = None
                placed.add(
                    [
                        self._child(pk),
                        self._dob(pk),
                        c.fmt(a["adm_decision_date"]),
                        c.fmt(reversed_on),
                        a["reversed_reason"] if reversed_on else "",
                    ],
                    Source(pk, "permanence.adoptioncase", int(a["id"])),
                )

    def prev_perm(self) -> None:
        table = self.tables["PrevPerm"]
        # Asked of children who started to be looked after in the year (rules 630, 634).
        started = {
            r["person_id"]
            for r in self.episode_rows
            if r["reason_new_episode"] == "S" and r["start_date"] >= self.start
        }
        for r in (
            PreviousPermanence.objects.filter(person_id__in=self.cohort)
            .order_by("person__la_child_id")
            .values("id", "person_id", "prev_perm", "la_perm", "date_perm")
        ):
            pk = r["person_id"]
            if pk not in started:
                continue
            z1 = r["prev_perm"] == "Z1"
            table.add(
                [
                    self._child(pk),
                    self._dob(pk),
                    r["prev_perm"],
                    "" if z1 else r["la_perm"],
                    "" if z1 else r["date_perm"],
                ],
                Source(pk, "permanence.previouspermanence", r["id"]),
            )

    # -- missing, social workers, DoLO ---------------------------------------------------------

    def missing(self) -> None:
        table = self.tables["Missing"]
        start_dt = timezone.make_aware(datetime.combine(self.start, datetime.min.time()))
        end_dt = timezone.make_aware(datetime.combine(self.end, datetime.max.time()))
        for r in (
            MissingEpisode.objects.filter(
                Q(ended_at__isnull=True) | Q(ended_at__gte=start_dt),
                person_id__in=self.cohort,
                started_at__lte=end_dt,
            )
            .order_by("person__la_child_id", "started_at", "id")
            .values("id", "person_id", "kind", "started_at", "ended_at")
        ):
            pk = r["person_id"]
            ended = r["ended_at"]
            end = timezone.localdate(ended) if ended else None
            table.add(
                [
                    self._child(pk),
                    self._dob(pk),
                    r["kind"],
                    c.fmt(timezone.localdate(r["started_at"])),
                    c.fmt(end if end and end <= self.end else None),
                ],
                Source(pk, "looked_after.missingepisode", r["id"]),
            )

    def sw_episodes(self) -> None:
        if "SWEpisodes" not in self.tables:
            return
        care: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
        for r in self.episode_rows:
            if r["legal_status__legal_status"] not in SHORT_BREAKS:
                care[r["person_id"]].append((r["period__start_date"], r["end_date"]))
        table = self.tables["SWEpisodes"]
        previous: dict[int, Row] = {}
        for a in (
            Allocation.objects.filter(
                Q(end_date__isnull=True) | Q(end_date__gte=self.start),
                person_id__in=self.cohort,
                role=AllocationRole.SOCIAL_WORKER,
                start_date__lte=self.end,
            )
            .order_by("person__la_child_id", "start_date", "id")
            .values("id", "person_id", "start_date", "end_date", "start_reason", "end_reason", "worker_id",
                    "worker__swe_registration_number")
        ):  # fmt: skip
            pk = a["person_id"]
            if pk not in care:
                continue  # only short breaks
            before = previous.get(pk)
            previous[pk] = a
            # A change of worker: the reason is recorded on the allocation that ended (rule SW10bSTG2
            # keeps FCONTA for a first allocation, not a handover).
            reason = str(a["start_reason"])
            if (
                before is not None
                and before["end_date"] is not None
                and abs((a["start_date"] - before["end_date"]).days) <= 7
                and before["end_reason"]
            ):
                reason = str(before["end_reason"])
            care_start = min(s for s, _ in care[pk])
            open_ends = [e for _, e in care[pk]]
            care_end = None if any(e is None for e in open_ends) else max(e for e in open_ends if e)
            if care_end is not None and care_end > self.end:
                care_end = None
            # Reported while looked after: from the start of care (rule SW12STG2) to its end,
            # an allocation going on past the end of care (or 31 March) being left open (SW17STG2).
            start = max(a["start_date"], care_start)
            end = a["end_date"]
            if end is not None and (end > self.end or (care_end is not None and end >= care_end)):
                end = None
            if end is not None and end <= start:
                continue  # ended before (or on the day) care began
            if care_end is not None and start > care_end:
                continue  # allocated after care ended
            table.add(
                [
                    self._child(pk),
                    self._dob(pk),
                    c.sw_id(str(a["worker__swe_registration_number"] or ""), int(a["worker_id"])),
                    c.fmt(start),
                    c.fmt(end),
                    c.sw_reason(reason),
                ],
                Source(pk, "workforce.allocation", a["id"]),
            )

    def dolo(self) -> None:
        if "DoLo" in self.tables:
            self.gaps.append(
                Gap(
                    NAME,
                    "DoLo (deprivation of liberty orders)",
                    "Harbour does not yet record deprivation of liberty orders; the DoLo file is empty.",
                )
            )

    # -- output --------------------------------------------------------------------------------

    def output(self) -> ReturnOutput:
        files = {c.FILE_NAMES[name]: to_csv(table) for name, table in self.tables.items()}
        return ReturnOutput(name=NAME, tables=self.tables, files=files, gaps=self.gaps)


def _home_at(addresses: list[tuple[date, date | None, str]], on: date) -> str:
    """The child's home postcode on `on`; else the latest one before it; else the first."""
    best = ""
    for start, end, postcode in addresses:
        if start <= on and (end is None or end >= on):
            return postcode.upper()
        if start <= on:
            best = postcode.upper()
    return best or (addresses[0][2].upper() if addresses else "")


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8")
