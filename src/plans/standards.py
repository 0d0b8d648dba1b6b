"""The authority's practice standards for plans, read from the setting ``HARBOUR_PROTECTION``
(defaults below) so an authority can change them:

- ``core_group_weeks`` (default 4): core groups at least every 4 weeks after the first, which
  is due 10 working days after the initial conference (rule ``first_core_group``).
- ``cp_visit_working_days`` (default 10): a child protection visit (child seen) at least every
  10 working days (local practice standard; Working Together sets no national interval).
- ``cin_review_months`` (default 3): child in need plan reviews.
- ``cin_visit_weeks`` (default 4): a child in need visit (child seen) at least every 4 weeks
  while the plan is active (local standard, commonly every 4-6 weeks; no national frequency).
"""

from core.standards import configured

DEFAULTS = {"core_group_weeks": 4, "cp_visit_working_days": 10, "cin_review_months": 3, "cin_visit_weeks": 4}


def standard(name: str) -> int:
    """The authority's configured standard (``settings.HARBOUR_PROTECTION``) or the default."""
    return configured("HARBOUR_PROTECTION", DEFAULTS, name)
