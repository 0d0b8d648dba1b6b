"""Example provider for `frontdoor.Referral` (referral opened and closed).

The front-door stage should move this into `src/frontdoor/chronology.py` (as `events`)
and add contacts and screening decisions; until then it lives here. Source keys are the
same either way, so curation attached to them survives the move and nothing is listed
twice (collect() de-duplicates by source_key).
"""

from collections.abc import Collection, Iterator

from codes import cin
from frontdoor.models import Referral

from ..chronology import ChronologyEvent, Kind


def events(person_ids: Collection[int]) -> Iterator[ChronologyEvent]:
    for r in Referral.objects.filter(person_id__in=person_ids):
        yield ChronologyEvent(
            person_id=r.person_id,
            occurred_on=r.referral_date,
            kind=Kind.REFERRAL,
            title="Referral received",
            summary=(
                f"Referral from {cin.REFERRAL_SOURCE.label(r.source).lower()}; "
                f"primary need: {cin.PRIMARY_NEED.label(r.primary_need).lower()}."
            ),
            source="frontdoor.Referral",
            source_key=f"frontdoor.Referral:{r.pk}",
        )
        if r.closure_date:
            reason = f": {cin.CLOSURE_REASON.label(r.closure_reason).lower()}" if r.closure_reason else ""
            outcome = "with no further action" if r.referral_nfa else "case closed"
            yield ChronologyEvent(
                person_id=r.person_id,
                occurred_on=r.closure_date,
                kind=Kind.DECISION,
                title="Referral closed",
                summary=f"Referral closed, {outcome}{reason}.",
                source="frontdoor.Referral",
                source_key=f"frontdoor.Referral:{r.pk}:closed",
            )
