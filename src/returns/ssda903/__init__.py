"""The SSDA903 children looked after return: `build` from recorded data, `validate` with the
DfE rules (csc-validator-be-903). See docs/returns/ssda903.md."""

from .build import build
from .validation import loaded_postcode_letters, rules_reading, validate, validation_input, warm_up

__all__ = ["build", "loaded_postcode_letters", "rules_reading", "validate", "validation_input", "warm_up"]
