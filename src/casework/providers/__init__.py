"""The chronology sources casework declares: its own records' (`casework`, published as
`casework.chronology.SOURCES`), and those of the foundation apps below it that cannot
declare their own (`people`, `workforce`: `BUILT_IN`)."""

from .people import SOURCES as PEOPLE
from .workforce import SOURCES as WORKFORCE

BUILT_IN = PEOPLE + WORKFORCE
