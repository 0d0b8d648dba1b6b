"""Roles and permissions, as data, in one place.

Every view declares the one permission it needs (see `accounts.decorators`); which roles
hold which permission is the table `ROLE_PERMISSIONS` below and nothing else. Record-level
rules (restricted records, partner agencies) are applied by the access door,
`people.access`, on top of these role permissions.
"""

from enum import StrEnum


class Role(StrEnum):
    SOCIAL_WORKER = "social_worker"
    TEAM_MANAGER = "team_manager"
    SERVICE_MANAGER = "service_manager"
    FRONT_DOOR = "front_door"
    EARLY_HELP = "early_help"
    IRO = "iro"
    CP_CHAIR = "cp_chair"
    PERFORMANCE = "performance"
    AUDITOR = "auditor"
    ADMIN = "admin"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.SOCIAL_WORKER: "Social worker",
    Role.TEAM_MANAGER: "Team manager",
    Role.SERVICE_MANAGER: "Service manager",
    Role.FRONT_DOOR: "Front door screener",
    Role.EARLY_HELP: "Early help worker",
    Role.IRO: "Independent reviewing officer",
    Role.CP_CHAIR: "Child protection chair",
    Role.PERFORMANCE: "Performance analyst",
    Role.AUDITOR: "Auditor",
    Role.ADMIN: "Administrator",
    Role.PARTNER: "Partner agency user",
}


class Permission(StrEnum):
    """`<app>.<verb>_<noun>`: what a role may do, independent of which record."""

    VIEW_PERSON = "people.view_person"
    SEARCH_PEOPLE = "people.search_people"
    CREATE_PERSON = "people.create_person"
    EDIT_PERSON = "people.edit_person"
    MERGE_PEOPLE = "people.merge_people"
    RESTRICT_RECORD = "people.restrict_record"
    BREAK_GLASS = "people.break_glass"
    MANAGE_RELATIONSHIPS = "people.manage_relationships"
    RECORD_VISIT = "casework.record_visit"
    VIEW_OWN_WORK = "workforce.view_own_work"
    VIEW_TEAM_WORK = "workforce.view_team_work"
    VIEW_ALL_TEAMS = "workforce.view_all_teams"
    ALLOCATE_CHILD = "workforce.allocate_child"
    VIEW_AUDIT = "audit.view_audit"
    VIEW_TIMESCALES = "timescales.view_rules"
    MANAGE_USERS = "accounts.manage_users"
    # --- Assessment, child protection and children in need (stage/protection) ---
    RECORD_ASSESSMENT = "assessments.record_assessment"
    AUTHORISE_ASSESSMENT = "assessments.authorise_assessment"
    RECORD_PROTECTION = "protection.record_protection"
    CHAIR_CONFERENCE = "protection.chair_conference"
    RECORD_MANAGEMENT_DECISION = "protection.record_management_decision"
    RECORD_CIN = "cin.record_cin"
    SIGN_OFF_CIN_PLAN = "cin.sign_off_cin_plan"
    # --- end stage/protection ---


P = Permission
_PRACTICE = {
    P.VIEW_PERSON,
    P.SEARCH_PEOPLE,
    P.CREATE_PERSON,
    P.EDIT_PERSON,
    P.MANAGE_RELATIONSHIPS,
    P.RECORD_VISIT,
    P.VIEW_OWN_WORK,
    P.VIEW_TIMESCALES,
}
_MANAGEMENT = _PRACTICE | {
    P.VIEW_TEAM_WORK,
    P.ALLOCATE_CHILD,
    P.MERGE_PEOPLE,
    P.RESTRICT_RECORD,
    P.BREAK_GLASS,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SOCIAL_WORKER: frozenset(_PRACTICE | {P.BREAK_GLASS}),
    Role.TEAM_MANAGER: frozenset(_MANAGEMENT),
    Role.SERVICE_MANAGER: frozenset(_MANAGEMENT | {P.VIEW_ALL_TEAMS}),
    Role.FRONT_DOOR: frozenset(_PRACTICE | {P.BREAK_GLASS}),
    Role.EARLY_HELP: frozenset(_PRACTICE),
    Role.IRO: frozenset(_PRACTICE - {P.CREATE_PERSON} | {P.BREAK_GLASS}),
    Role.CP_CHAIR: frozenset(_PRACTICE - {P.CREATE_PERSON} | {P.BREAK_GLASS}),
    Role.PERFORMANCE: frozenset(
        {P.VIEW_PERSON, P.SEARCH_PEOPLE, P.VIEW_TEAM_WORK, P.VIEW_ALL_TEAMS, P.VIEW_TIMESCALES}
    ),
    Role.AUDITOR: frozenset({P.VIEW_PERSON, P.SEARCH_PEOPLE, P.VIEW_AUDIT, P.VIEW_TIMESCALES}),
    Role.ADMIN: frozenset(
        {
            P.VIEW_PERSON,
            P.SEARCH_PEOPLE,
            P.MERGE_PEOPLE,
            P.RESTRICT_RECORD,
            P.VIEW_TEAM_WORK,
            P.VIEW_ALL_TEAMS,
            P.ALLOCATE_CHILD,
            P.MANAGE_USERS,
            P.VIEW_TIMESCALES,
        }
    ),
    # Partner agencies see only the children they are involved with (the access door
    # enforces that); they can contribute to the family network but not create records.
    Role.PARTNER: frozenset({P.VIEW_PERSON, P.SEARCH_PEOPLE, P.VIEW_OWN_WORK}),
}

# --- Assessment, child protection and children in need (stage/protection) ---
# Practitioners record assessments, strategy discussions, s47 enquiries, core groups and CIN
# work; team and service managers authorise assessments, sign off CIN plans and record
# management decisions; CP chairs record conferences, sign off CP plans and challenge drift.
_CASEWORK_RECORDING = {P.RECORD_ASSESSMENT, P.RECORD_PROTECTION, P.RECORD_CIN}
_CASEWORK_SIGN_OFF = {P.AUTHORISE_ASSESSMENT, P.SIGN_OFF_CIN_PLAN, P.RECORD_MANAGEMENT_DECISION}
for _role, _extra in {
    Role.SOCIAL_WORKER: _CASEWORK_RECORDING,
    Role.TEAM_MANAGER: _CASEWORK_RECORDING | _CASEWORK_SIGN_OFF,
    Role.SERVICE_MANAGER: _CASEWORK_RECORDING | _CASEWORK_SIGN_OFF | {P.CHAIR_CONFERENCE},
    Role.CP_CHAIR: {P.RECORD_PROTECTION, P.CHAIR_CONFERENCE},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_extra)
# --- end stage/protection ---

# Roles whose visibility is limited to children they are actively involved with.
INVOLVEMENT_ONLY_ROLES: frozenset[Role] = frozenset({Role.PARTNER})


def role_has(role: Role | str, permission: Permission | str) -> bool:
    try:
        return Permission(permission) in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False
