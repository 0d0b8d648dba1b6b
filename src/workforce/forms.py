from typing import Any

from django import forms
from django.db.models import Count
from django.utils import timezone

from accounts.models import Team, User
from core.extensions import WeightedLoad, weighted_caseloads
from core.forms import GovDateField, GovForm

from .models import Allocation, AllocationReason, AllocationRole
from .team_work import CASE_HOLDING_ROLES


def _choice(label: str, required: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, error_messages={"required": required, "invalid_choice": required})


def _children(n: int) -> str:
    return f"{n} {'child' if n == 1 else 'children'}"


RAG_WORDS = {"green": "within threshold", "amber": "amber", "red": "over threshold"}


def _weighted(load: WeightedLoad | None) -> str:
    """A worker's weighted caseload against their threshold, for the allocating manager."""
    if load is None:
        return ""
    protected = ", protected caseload" if load.protected else ""
    return f", weighted load {load.weighted:.1f} ({RAG_WORDS.get(load.rag, load.rag)}{protected})"


class AllocateForm(GovForm):
    worker = _choice("Worker", "Select the worker to allocate")
    team = _choice("Team", "Select the team")
    role = forms.ChoiceField(
        label="Allocated as",
        choices=AllocationRole.choices,
        initial=AllocationRole.SOCIAL_WORKER,
        error_messages={"required": "Select what the worker is allocated as"}
        | {"invalid_choice": "Select what the worker is allocated as"},
    )
    start_date = GovDateField(
        label="Date the allocation starts",
        required=True,
        past_only=True,
        name="The date the allocation starts",
    )
    reason = forms.ChoiceField(
        label="Reason",
        choices=AllocationReason.choices,
        initial=AllocationReason.MANAGE,
        error_messages={
            "required": "Select the reason for the allocation",
            "invalid_choice": "Select the reason for the allocation",
        },
    )

    def __init__(self, *args: Any, team: Team | None = None, **kwargs: Any) -> None:
        """`team`: the team whose workers are offered first (and the team chosen unless
        another is); every worker is shown with how many children they hold now, the team's
        also with their weighted caseload against its threshold. Roles that never hold a case
        are not offered."""
        super().__init__(*args, **kwargs)
        workers = list(
            User.objects.filter(is_active=True, role__in=[r.value for r in CASE_HOLDING_ROLES])
            .select_related("team")
            .order_by("last_name", "first_name")
        )
        held = dict(
            Allocation.objects.current(timezone.localdate())
            .filter(worker__in=workers, person__record_status="ACTIVE")
            .values("worker")
            .annotate(n=Count("person", distinct=True))
            .values_list("worker", "n")
        )
        own = [u for u in workers if team is not None and u.team_id == team.pk]
        others = [u for u in workers if u not in own]
        loads = weighted_caseloads(own, timezone.localdate())
        self.fields["worker"].choices = [("", "Choose a worker")] + [  # type: ignore[attr-defined]
            (
                str(u.pk),
                f"{u.display_name} – {u.role_label}"
                f"{' (' + u.team.name + ')' if u.team and u not in own else ''} – {_children(held.get(u.pk, 0))}"
                f"{_weighted(loads.get(u.pk))}",
            )
            for u in own + others
        ]
        self.fields["team"].choices = [("", "Choose a team")] + [  # type: ignore[attr-defined]
            (str(t.pk), t.name) for t in Team.objects.filter(is_active=True)
        ]
        if team is not None:
            self.fields["team"].initial = str(team.pk)

    def clean_worker(self) -> User:
        try:
            return User.objects.get(
                pk=int(self.cleaned_data["worker"]),
                is_active=True,
                role__in=[r.value for r in CASE_HOLDING_ROLES],
            )
        except (User.DoesNotExist, ValueError) as exc:
            raise forms.ValidationError("Select the worker to allocate") from exc

    def clean_team(self) -> Team:
        try:
            return Team.objects.get(pk=int(self.cleaned_data["team"]), is_active=True)
        except (Team.DoesNotExist, ValueError) as exc:
            raise forms.ValidationError("Select the team") from exc
