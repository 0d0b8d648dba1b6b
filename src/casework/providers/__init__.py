"""Built-in chronology providers for the foundation apps no stage owns (people, workforce);
stage apps provide their own `<app>/chronology.py` (see docs/workflows/chronology.md)."""

from .people import events as people_events
from .workforce import events as workforce_events

BUILT_IN = (people_events, workforce_events)
