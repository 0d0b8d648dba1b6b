"""Extending the demo through every stage of the child's journey.

After the people, families, staff and allocations are generated, each stage below runs in
the order of `STAGES` (front door before assessment before child protection …). A stage
records its history through the stage apps' own service functions, so generated records
obey the same rules as the interface. The demo lives here only: no stage app imports it.
"""

from collections.abc import Callable
from datetime import date
from types import ModuleType

from . import (
    assessments,
    care_leavers,
    casework,
    cin,
    duplicates,
    early_help,
    frontdoor,
    looked_after,
    performance,
    permanence,
    protection,
    quality,
    rights,
)
from .base import StageContext

# In the order they run; a stage's name seeds its random generators (see StageContext).
STAGES: tuple[ModuleType, ...] = (
    frontdoor,
    early_help,
    assessments,
    protection,
    cin,
    looked_after,
    permanence,
    care_leavers,
    rights,
    casework,
    quality,
    performance,
    duplicates,
)

__all__ = ["STAGES", "StageContext", "run_stages", "stage_name"]


def stage_name(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def run_stages(
    *,
    seed: int,
    as_of: date,
    progress: Callable[[str], None] | None = None,
    history_days: int = 0,
    contact_rate: float = 1.0,
) -> None:
    """Run every stage in order."""
    for module in STAGES:
        name = stage_name(module)
        if progress:
            progress(f"Demo stage: {name}")
        module.run(
            StageContext(
                seed=seed,
                as_of=as_of,
                stage=name,
                progress=progress or (lambda m: None),
                history_days=history_days,
                contact_rate=contact_rate,
            )
        )
