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
    # --- casework: the child's story (chronology, case notes, documents, subject access) ---
    VIEW_CHRONOLOGY = "casework.view_chronology"
    CURATE_CHRONOLOGY = "casework.curate_chronology"
    EXPORT_CHRONOLOGY = "casework.export_chronology"
    RECORD_CASE_NOTE = "casework.record_case_note"
    MANAGE_DOCUMENTS = "casework.manage_documents"
    VIEW_RESTRICTED_CASEWORK = "casework.view_restricted_casework"
    HANDLE_SUBJECT_ACCESS = "casework.handle_subject_access"
    # --- end casework ---


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

# --- casework: the child's story (grants) ---
_STORY_READ = {P.VIEW_CHRONOLOGY}
_STORY_PRACTICE = _STORY_READ | {
    P.CURATE_CHRONOLOGY,
    P.EXPORT_CHRONOLOGY,
    P.RECORD_CASE_NOTE,
    P.MANAGE_DOCUMENTS,
}
_STORY_GRANTS: dict[Role, set[Permission]] = {
    Role.SOCIAL_WORKER: _STORY_PRACTICE,
    Role.TEAM_MANAGER: _STORY_PRACTICE | {P.VIEW_RESTRICTED_CASEWORK, P.HANDLE_SUBJECT_ACCESS},
    Role.SERVICE_MANAGER: _STORY_PRACTICE | {P.VIEW_RESTRICTED_CASEWORK, P.HANDLE_SUBJECT_ACCESS},
    Role.FRONT_DOOR: _STORY_PRACTICE,
    Role.EARLY_HELP: _STORY_PRACTICE,
    Role.IRO: _STORY_PRACTICE,
    Role.CP_CHAIR: _STORY_PRACTICE,
    Role.AUDITOR: _STORY_READ,
    Role.ADMIN: {P.HANDLE_SUBJECT_ACCESS},
}
for _role, _extra in _STORY_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | _extra
# --- end casework ---

# Roles whose visibility is limited to children they are actively involved with.
INVOLVEMENT_ONLY_ROLES: frozenset[Role] = frozenset({Role.PARTNER})


def role_has(role: Role | str, permission: Permission | str) -> bool:
    try:
        return Permission(permission) in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False
