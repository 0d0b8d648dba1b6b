from typing import Any

from django import forms

from accounts.models import Team, User
from core.forms import GovDateField, GovForm

from .models import AllocationReason, AllocationRole


class AllocateForm(GovForm):
    worker = forms.ChoiceField(label="Worker", error_messages={"required": "Select a worker"})
    team = forms.ChoiceField(label="Team", error_messages={"required": "Select a team"})
    role = forms.ChoiceField(
        label="Allocated as", choices=AllocationRole.choices, initial=AllocationRole.SOCIAL_WORKER
    )
    start_date = GovDateField(
        label="From", required=True, past_only=True, name="The date the allocation starts"
    )
    reason = forms.ChoiceField(
        label="Reason", choices=AllocationReason.choices, initial=AllocationReason.MANAGE
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        workers = User.objects.filter(is_active=True).exclude(role__in=["admin", "auditor", "performance"])
        self.fields["worker"].choices = [("", "Choose a worker")] + [  # type: ignore[attr-defined]
            (str(u.pk), f"{u.display_name} – {u.role_label}{' (' + u.team.name + ')' if u.team else ''}")
            for u in workers.select_related("team")
        ]
        self.fields["team"].choices = [("", "Choose a team")] + [  # type: ignore[attr-defined]
            (str(t.pk), t.name) for t in Team.objects.filter(is_active=True)
        ]

    def clean_worker(self) -> User:
        try:
            return User.objects.get(pk=int(self.cleaned_data["worker"]), is_active=True)
        except (User.DoesNotExist, ValueError) as exc:
            raise forms.ValidationError("Select a worker") from exc

    def clean_team(self) -> Team:
        try:
            return Team.objects.get(pk=int(self.cleaned_data["team"]))
        except (Team.DoesNotExist, ValueError) as exc:
            raise forms.ValidationError("Select a team") from exc
