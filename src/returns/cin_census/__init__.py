"""The children in need census (RETURNS.md B): `build` and `validate` (see `returns.base`)."""

from .builder import build
from .validation import rules_reading, validate, validation_input, warm_up

__all__ = ["build", "rules_reading", "validate", "validation_input", "warm_up"]
