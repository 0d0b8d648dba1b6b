"""Built-in chronology providers for apps no stage owns (people, workforce) and the
example provider for `frontdoor.Referral` (see docs/workflows/chronology.md)."""

from .frontdoor import events as referral_events
from .people import events as people_events
from .workforce import events as workforce_events

BUILT_IN = (people_events, workforce_events, referral_events)
