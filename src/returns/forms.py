from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from core.forms import GovDateField, GovForm

from .registry import collection_year

FIRST_YEAR = 2023  # the DfE validators' oldest rule set


class YearForm(GovForm):
    year = forms.IntegerField(
        label="Collection year",
        help_text="The year the collection ends on 31 March, for example 2026 for April 2025 to March 2026",
        error_messages={
            "required": "Enter the collection year",
            "invalid": "Collection year must be a year, like 2026",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latest = collection_year(timezone.localdate())

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if not FIRST_YEAR <= year <= self.latest:
            raise forms.ValidationError(f"Collection year must be between {FIRST_YEAR} and {self.latest}")
        return year


class AsOfForm(GovForm):
    as_of = GovDateField(
        label="Date to draw the lists at",
        help_text="Usually today: the lists look back 12 months from this date. For example, 27 3 2026",
        required=True,
        past_only=True,
    )

    def clean_as_of(self) -> date:
        value: date = self.cleaned_data["as_of"]
        return value
