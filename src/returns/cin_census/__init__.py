"""The children in need census (RETURNS.md B): `build` and `validate` (see `returns.base`)."""

from .builder import build
from .validation import validate

__all__ = ["build", "validate"]
