from decimal import Decimal

from django import forms

from core.forms import GovForm

from .equality import POPULATION_GROUPS
from .models import ComparatorKind


class PeriodForm(GovForm):
    period = forms.ChoiceField(label="Period", required=False)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = choices  # type: ignore[attr-defined]


class TargetForm(GovForm):
    target = forms.DecimalField(label="Target", max_digits=9, decimal_places=1)
    tolerance = forms.DecimalField(
        label="Tolerance",
        max_digits=9,
        decimal_places=1,
        min_value=Decimal(0),
        help_text="How far short of the target a figure may fall and be amber rather than red.",
    )


class PopulationForm(GovForm):
    year = forms.IntegerField(
        label="Collection year ending 31 March",
        min_value=2000,
        max_value=2100,
        help_text="For example, 2027.",
    )
    population = forms.IntegerField(
        label="Children aged 0 to 17",
        min_value=1,
        error_messages={
            "required": "Enter the number of children aged 0 to 17",
            "invalid": "The number of children must be a whole number, like 52000",
            "min_value": "The number of children must be 1 or more",
        },
    )
    source = forms.CharField(
        label="Source", max_length=200, help_text="For example, ONS mid-year estimates, mid-2025."
    )


class ComparatorForm(GovForm):
    indicator = forms.ChoiceField(label="Indicator")
    kind = forms.ChoiceField(
        label="Which comparator",
        choices=ComparatorKind.choices,
        initial=ComparatorKind.ENGLAND,
        required=False,  # England when not chosen
        widget=forms.RadioSelect,
    )
    area = forms.CharField(
        label="Region or statistical neighbours",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a region, its name as the file spells it (for example, North West). For statistical "
        "neighbours, their local authority names separated by commas: the figure is their average. "
        "Leave blank for England.",
    )
    file = forms.FileField(
        label="The DfE's CSV file",
        help_text="An open data file from explore-education-statistics.service.gov.uk.",
    )
    column = forms.CharField(
        label="Column holding the figure", max_length=100, help_text="For example, rate_per_10000."
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        data["kind"] = data.get("kind") or ComparatorKind.ENGLAND
        if data.get("kind") in (ComparatorKind.REGION, ComparatorKind.NEIGHBOURS) and not data.get("area"):
            self.add_error(
                "area", "Enter the region, or the statistical neighbours, as the DfE's file names them"
            )
        return data


def group_field(characteristic: str, group: str) -> str:
    """The form field of a population group: "age_1_to_4", "ethnic_group_white"."""
    slug = "".join(ch if ch.isalnum() else "_" for ch in f"{characteristic} {group}".lower())
    return "_".join(part for part in slug.split("_") if part)


class PopulationGroupsForm(GovForm):
    """A year's children by sex, age band and ethnic group: a characteristic is recorded when
    any of its groups is filled in, and then every one of its groups must be."""

    year = forms.IntegerField(
        label="Collection year ending 31 March",
        min_value=2000,
        max_value=2100,
        help_text="For example, 2027.",
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for characteristic, groups in POPULATION_GROUPS.items():
            for group in groups:
                self.fields[group_field(characteristic, group)] = forms.IntegerField(
                    label=f"{characteristic}: {group}",
                    required=False,
                    min_value=0,
                    error_messages={
                        "invalid": f"The number of children ({group}) must be a whole number, like 5200",
                        "min_value": f"The number of children ({group}) must be 0 or more",
                    },
                )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        groups: dict[str, dict[str, int]] = {}
        for characteristic, names in POPULATION_GROUPS.items():
            fields = {name: group_field(characteristic, name) for name in names}
            filled = {name: data.get(f) for name, f in fields.items()}
            if all(v is None for v in filled.values()):
                continue
            for name, f in fields.items():
                if filled[name] is None and f not in self.errors:
                    self.add_error(
                        f,
                        f"Enter the number of children ({name}), or leave every {characteristic.lower()} group blank",
                    )
            groups[characteristic] = {k: v for k, v in filled.items() if v is not None}
        if not groups and not self.errors:
            self.add_error(
                None, "Enter the children of at least one characteristic: sex, age or ethnic group"
            )
        return {"year": data.get("year"), "groups": groups}
