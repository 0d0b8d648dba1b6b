"""The indicator catalogue: every indicator declared once (`base.CATALOGUE`), by subject.

Adding an indicator is one `declare(...)` in the module of its subject (and its test)."""

from . import (  # noqa: F401  (they declare)
    adoption,
    assessments,
    care_leavers,
    early_help,
    front_door,
    looked_after,
    protection,
    quality,
    wellbeing,
    workforce,
)
from .base import CATALOGUE, Figure, Indicator, Item, Polarity, Subject, Unit, figure_from

__all__ = ["CATALOGUE", "Figure", "Indicator", "Item", "Polarity", "Subject", "Unit", "figure_from"]
