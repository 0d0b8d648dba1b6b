"""Test helpers for every stage: what a browser posts for a form's fields."""

from datetime import date


def date_input(name: str, day: date) -> dict[str, str]:
    """The three boxes of the GOV.UK date input `name` filled in with `day`."""
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}
