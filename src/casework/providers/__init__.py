"""Built-in chronology providers for the foundation apps no stage owns (people, workforce);
stage apps provide their own `<app>/chronology.py` (see docs/workflows/chronology.md)."""

from .people import SOURCES as PEOPLE
from .workforce import SOURCES as WORKFORCE

BUILT_IN = PEOPLE + WORKFORCE
