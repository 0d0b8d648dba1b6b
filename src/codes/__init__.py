"""National and local code lists, as data, in one place.

Each list records where it comes from and, per code, the period it is valid for, so a
return for a past year can use the codes in force then. Models take their choices from
here; returns map from here; nothing else spells a code out.
"""

from .base import Code, CodeList

__all__ = ["Code", "CodeList"]
