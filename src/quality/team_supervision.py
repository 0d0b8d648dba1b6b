"""Supervision by team: each team's workers against the supervision standard, with their open,
past-review and drifting case directions; and the team's figures without names, for those who
see every team's performance. Read-only."""

from dataclasses import dataclass
from datetime import date

from accounts.models import Team, User
from accounts.permissions import Permission, Role
from workforce.queries import social_workers

from . import queries, rules

NO_DIRECTIONS = {"open": 0, "overdue": 0, "drifting": 0}


@dataclass(frozen=True)
class WorkerRow:
    state: rules.SupervisionState
    newly_qualified: bool
    open: int
    overdue: int
    drifting: int


@dataclass(frozen=True)
class TeamRow:
    team: Team
    workers: list[WorkerRow]

    @property
    def within(self) -> int:
        return sum(not w.state.overdue for w in self.workers)

    @property
    def overdue(self) -> int:
        return len(self.workers) - self.within

    @property
    def percent_within(self) -> int | None:
        return round(100 * self.within / len(self.workers)) if self.workers else None

    def total(self, name: str) -> int:
        return sum(getattr(w, name) for w in self.workers)


def may_see_workers_of(user: User, team: Team) -> bool:
    """Who sees a team's workers by name: its managers (the manager, and a manager in the
    team) and service managers. Others who see every team (performance staff) see its figures
    only."""
    if user.role == Role.SERVICE_MANAGER or team.manager_id == user.pk:
        return True
    return user.team_id == team.pk and user.has_perm(Permission.RECORD_SUPERVISION.value)


def team_rows(teams: list[Team], today: date) -> list[TeamRow]:
    """Each team's social workers against the standard (overdue first), with their directions."""
    workers = list(social_workers(today, teams=teams).select_related("team"))
    standard = rules.standard_on(today)
    states = {s.worker.pk: s for s in queries.supervision_states(workers, today)}
    counts = queries.direction_counts(workers, today)
    by_team: dict[int, list[WorkerRow]] = {t.pk: [] for t in teams}
    for worker in workers:
        state = states[worker.pk]
        c = counts.get(worker.pk, NO_DIRECTIONS)
        by_team[worker.team_id].append(  # type: ignore[index]
            WorkerRow(
                state,
                rules.newly_qualified_on(worker, today, standard),
                c["open"],
                c["overdue"],
                c["drifting"],
            )
        )
    for rows in by_team.values():
        rows.sort(key=lambda w: (not w.state.overdue, w.state.due, w.state.worker.last_name))
    return [TeamRow(t, by_team[t.pk]) for t in teams]
