"""The demo workforce: teams of every kind a metropolitan borough has, and their staff.

Each team has a manager and 5–8 workers with synthetic names. Registered social workers
have Social Work England numbers; about 15% are newly qualified (ASYE) and 10% agency
staff. Fewer teams are made for small demos (under 500 or 1,000 children); every demo
account (`demo.accounts.DEMO_ACCOUNTS`) is always made, the partner agency's (a named nurse
of the borough's NHS trust: no team, the trust as organisation) among them. Only the demo
accounts can sign in: everyone else has an unusable password.

The generator acts as two kinds of user, because the role permission table gives no
single role everything it does and must not be widened for it:

* `harbour.system` ("Harbour data generator", role admin, unusable password, no team)
  allocates children and restricts the one restricted record — administrators may do
  both, and admin accounts are never offered as workers to allocate to. Permissions need
  an active account, so it is active while the generator runs and deactivated after;
* person records, addresses, relationships and alerts are recorded by the (generated,
  non-demo) front-door screeners, as they would be in practice: administrators may not
  create or edit person records.
"""

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from faker import Faker

from accounts.models import Team, TeamKind, User
from accounts.permissions import Role
from people.names import normalise

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, SYSTEM_USERNAME, demo_email
from .identifiers import IdentifierIssuer
from .names import HERITAGES, NameMaker, pick_origin

K = TeamKind
TEAM_PLAN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (K.FRONT_DOOR, ("Front Door and MASH",)),
    (K.ASSESSMENT, ("Assessment Team North", "Assessment Team Central", "Assessment Team South")),
    (
        K.SAFEGUARDING,
        (
            "Family Safeguarding Team North",
            "Family Safeguarding Team East",
            "Family Safeguarding Team South",
            "Family Safeguarding Team West",
        ),
    ),
    (
        K.CHILDREN_IN_CARE,
        ("Children in Care Team North", "Children in Care Team Central", "Children in Care Team South"),
    ),
    (K.CARE_LEAVERS, ("Leaving Care Team North", "Leaving Care Team South")),
    (K.DISABLED_CHILDREN, ("Children with Disabilities Team",)),
    (K.EARLY_HELP, ("Early Help Team North", "Early Help Team Central", "Early Help Team South")),
    (K.SAFEGUARDING_UNIT, ("Safeguarding and Reviewing Unit",)),
    (K.OUT_OF_HOURS, ("Emergency Duty Team",)),
    (K.PERFORMANCE, ("Performance and Intelligence Team",)),
)

# Workers' role, and job titles as (title, weight, share registered with Social Work England).
Titles = tuple[tuple[str, float, float], ...]
_SOCIAL_WORK: Titles = (
    ("Social worker", 6, 1),
    ("Senior social worker", 3, 1),
    ("Advanced practitioner", 1, 1),
)
WORKERS: dict[str, tuple[Role, Titles]] = {
    K.FRONT_DOOR: (
        Role.FRONT_DOOR,
        (
            ("Front door social worker", 6, 1),
            ("Contact and referral officer", 3, 0),
            ("Senior practitioner", 1, 1),
        ),
    ),
    K.ASSESSMENT: (Role.SOCIAL_WORKER, _SOCIAL_WORK),
    K.SAFEGUARDING: (Role.SOCIAL_WORKER, _SOCIAL_WORK),
    K.CHILDREN_IN_CARE: (Role.SOCIAL_WORKER, _SOCIAL_WORK),
    K.DISABLED_CHILDREN: (Role.SOCIAL_WORKER, _SOCIAL_WORK),
    K.CARE_LEAVERS: (Role.SOCIAL_WORKER, (("Personal adviser", 8, 0), ("Social worker", 2, 1))),
    K.EARLY_HELP: (Role.EARLY_HELP, (("Family support worker", 5, 0), ("Early help practitioner", 5, 0.1))),
    K.OUT_OF_HOURS: (Role.SOCIAL_WORKER, (("Emergency duty social worker", 1, 1),)),
    K.PERFORMANCE: (Role.PERFORMANCE, (("Performance analyst", 6, 0), ("Data officer", 4, 0))),
}
UNIT_ROLES = ((Role.IRO, "Independent reviewing officer"), (Role.CP_CHAIR, "Child protection chair"))
MANAGERS: dict[str, tuple[Role, str, float]] = {
    K.PERFORMANCE: (Role.PERFORMANCE, "Performance and intelligence manager", 0),
    K.SAFEGUARDING_UNIT: (Role.TEAM_MANAGER, "Safeguarding unit manager", 1),
    K.EARLY_HELP: (Role.TEAM_MANAGER, "Early help team manager", 0.5),
}
DEFAULT_MANAGER = (Role.TEAM_MANAGER, "Team manager", 1.0)
CASE_HOLDING = frozenset({Role.SOCIAL_WORKER, Role.EARLY_HELP})
DEMO_TITLES = {
    "social.worker": "Social worker",
    "team.manager": "Team manager",
    "front.door": "Front door social worker",
    "iro": "Independent reviewing officer",
    "cp.chair": "Child protection chair",
    "performance": "Performance analyst",
    "auditor": "Quality assurance auditor",
    "admin": "System administrator",
    "named.nurse": "Named nurse for safeguarding children",
}
# The partner agency of the demo's partner accounts, after the borough.
PARTNER_AGENCY = "{borough} NHS Foundation Trust"


def planned_teams(children: int) -> list[tuple[str, str]]:
    """(kind, name) of each team, fewer for small demos."""
    plan: list[tuple[str, str]] = []
    for kind, names in TEAM_PLAN:
        count = 1 if children < 500 else (len(names) + 1) // 2 if children < 1000 else len(names)
        plan += [(kind, name) for name in names[:count]]
    return plan


@dataclass
class Workforce:
    system: User
    teams: dict[str, list[Team]]
    case_holders: dict[int, list[User]]  # team id -> workers who hold cases
    iros: list[User]
    record_keepers: list[User]  # generated front-door screeners: they record people
    demo: dict[str, User]
    staff: list[User] = field(default_factory=list)

    @property
    def social_worker_team(self) -> Team:
        team = self.demo["social.worker"].team
        assert team is not None
        return team


class StaffMaker:
    """Builds (unsaved) users with synthetic names and unique usernames."""

    def __init__(self, rng: random.Random, names: NameMaker, ids: IdentifierIssuer, taken: set[str]) -> None:
        self.rng = rng
        self.names = names
        self.ids = ids
        self.taken = taken

    def _name(self) -> tuple[str, str]:
        origin = pick_origin(self.rng)
        heritage = HERITAGES[origin.mother if self.rng.random() < 0.5 else origin.father]
        sex = "F" if self.rng.random() < 0.8 else "M"  # children's social work is mostly women
        return self.names.given(heritage, sex, child=False), self.names.own_family_name(heritage, sex)

    def _username(self, first: str, last: str) -> str:
        base = f"{normalise(first)}.{normalise(last)}"
        username, n = base, 1
        while username in self.taken:
            n += 1
            username = f"{base}{n}"
        self.taken.add(username)
        return username

    def user(
        self,
        *,
        role: Role,
        team: Team | None,
        title: str,
        registered: bool,
        username: str | None = None,
        may_be_junior: bool = False,
        organisation: str = "",
    ) -> User:
        first, last = self._name()
        username = username or self._username(first, last)
        newly_qualified = may_be_junior and registered and self.rng.random() < 0.15
        agency = may_be_junior and registered and self.rng.random() < 0.10
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=demo_email(username),
            role=role.value,
            team=team,
            job_title="Newly qualified social worker (ASYE)" if newly_qualified else title,
            registered_social_worker=registered,
            swe_registration_number=self.ids.swe_number() if registered else "",
            newly_qualified=newly_qualified,
            agency_worker=agency,
            organisation=organisation,
            is_active=True,
        )
        user.set_unusable_password()
        return user


def build_workforce(
    rng: random.Random,
    names: NameMaker,
    ids: IdentifierIssuer,
    *,
    children: int,
    seed: int,
    borough: str,
) -> Workforce:
    """Create the teams, their staff, the demo accounts (the partner agency's among them) and
    the system account."""
    maker = StaffMaker(rng, names, ids, set(User.objects.values_list("username", flat=True)))
    system = User(
        username=SYSTEM_USERNAME,
        first_name="Harbour",
        last_name="data generator",
        email=demo_email(SYSTEM_USERNAME),
        role=Role.ADMIN.value,
        job_title="System account for generated data",
        is_active=True,
    )
    system.set_unusable_password()
    maker.taken.update({SYSTEM_USERNAME, *(a.username for a in DEMO_ACCOUNTS)})
    teams = Team.objects.bulk_create([Team(name=name, kind=kind) for kind, name in planned_teams(children)])
    by_kind: dict[str, list[Team]] = {}
    for team in teams:
        by_kind.setdefault(team.kind, []).append(team)
    staff, managers, demo = _staff(rng, maker, by_kind)
    partners = _partner_users(seed, borough, ids, maker.taken)
    demo.update((u.username, u) for u in partners)
    staff += partners
    User.objects.bulk_create([system, *staff])
    for team, manager in managers:
        team.manager = manager
    Team.objects.bulk_update([t for t, _ in managers], ["manager"])
    return _workforce(system, by_kind, staff, demo)


def _staff(
    rng: random.Random, maker: StaffMaker, by_kind: dict[str, list[Team]]
) -> tuple[list[User], list[tuple[Team, User]], dict[str, User]]:
    demo = _demo_users(maker, by_kind)
    staff: list[User] = []
    managers: list[tuple[Team, User]] = []
    for kind, _ in TEAM_PLAN:
        for team in by_kind[kind]:
            members = [u for u in demo.values() if u.team is team]
            manager = next((u for u in members if u.username == "team.manager"), None)
            if manager is None:
                role, title, registered = MANAGERS.get(kind, DEFAULT_MANAGER)
                manager = maker.user(role=role, team=team, title=title, registered=rng.random() < registered)
                staff.append(manager)
            managers.append((team, manager))
            workers = [u for u in members if u is not manager]
            for n in range(rng.randint(5, 8) - len(workers)):
                staff.append(_worker(rng, maker, kind, team, n))
    staff += demo.values()
    return staff, managers, demo


def _worker(rng: random.Random, maker: StaffMaker, kind: str, team: Team, n: int) -> User:
    if kind == K.SAFEGUARDING_UNIT:
        role, title = UNIT_ROLES[n % 2]
        return maker.user(role=role, team=team, title=title, registered=True)
    role, titles = WORKERS[kind]
    title, _, registered = rng.choices(titles, weights=[t[1] for t in titles])[0]
    return maker.user(
        role=role,
        team=team,
        title=title,
        registered=rng.random() < registered,
        may_be_junior=title == "Social worker",
    )


def _demo_users(maker: StaffMaker, by_kind: dict[str, list[Team]]) -> dict[str, User]:
    demo: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        if account.role == Role.PARTNER:
            continue  # not the authority's staff: `_partner_users`
        team = by_kind[account.team_kind][0] if account.team_kind else None
        registered = account.role in (
            Role.SOCIAL_WORKER,
            Role.TEAM_MANAGER,
            Role.IRO,
            Role.CP_CHAIR,
            Role.FRONT_DOOR,
        )
        user = maker.user(
            role=account.role,
            team=team,
            title=DEMO_TITLES[account.username],
            registered=registered,
            username=account.username,
        )
        user.password = make_password(DEMO_PASSWORD)
        demo[account.username] = user
    return demo


def _partner_users(seed: int, borough: str, ids: IdentifierIssuer, taken: set[str]) -> list[User]:
    """The demo accounts of a partner agency (no team of the authority's), named from random
    draws of their own, so that adding them changes nobody else in the demo."""
    rng = random.Random(f"{seed}:partners")
    fake = Faker("en_GB")
    fake.seed_instance(f"{seed}:partners")
    maker = StaffMaker(rng, NameMaker(rng, fake), ids, taken)
    partners = []
    for account in DEMO_ACCOUNTS:
        if account.role != Role.PARTNER:
            continue
        user = maker.user(
            role=account.role,
            team=None,
            title=DEMO_TITLES[account.username],
            registered=False,
            username=account.username,
            organisation=PARTNER_AGENCY.format(borough=borough),
        )
        user.password = make_password(DEMO_PASSWORD)
        partners.append(user)
    return partners


def _workforce(
    system: User, by_kind: dict[str, list[Team]], staff: list[User], demo: dict[str, User]
) -> Workforce:
    holders: dict[int, list[User]] = {}
    for user in staff:
        if user.team is not None and user.role in CASE_HOLDING and user.team.manager_id != user.pk:
            holders.setdefault(user.team.pk, []).append(user)
    front_door = [
        u for u in staff if u.role == Role.FRONT_DOOR and u.username != "front.door" and u.team is not None
    ]
    return Workforce(
        system=system,
        teams=by_kind,
        case_holders=holders,
        iros=[u for u in staff if u.role == Role.IRO],
        record_keepers=front_door,
        demo=demo,
        staff=staff,
    )
