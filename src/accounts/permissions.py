"""Roles and permissions, as data, in one place.

Every view declares the one permission it needs (see `accounts.decorators`); which roles
hold which permission is the table `ROLE_PERMISSIONS` below and nothing else. Record-level
rules (restricted records, partner agencies) are applied by the access door,
`people.access`, on top of these role permissions.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied


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
    # --- Children in care (looked_after) -------------------------------------------------
    VIEW_CARE = "looked_after.view_care"
    RECORD_CARE = "looked_after.record_care"
    APPROVE_PARENT_PLACEMENT = "looked_after.approve_parent_placement"
    RECORD_LAC_REVIEW = "looked_after.record_lac_review"
    VIEW_IRO_CASELOAD = "looked_after.view_iro_caseload"
    VIEW_VIRTUAL_SCHOOL = "looked_after.view_virtual_school"
    VIEW_LAC_HEALTH = "looked_after.view_lac_health"
    # --- end children in care ------------------------------------------------------------
    # --- records lifecycle (retention) ---
    MANAGE_RETENTION = "lifecycle.manage_retention"
    # --- front door and early help (stage/front-door) ---
    VIEW_CONTACTS = "frontdoor.view_contacts"
    VIEW_FRONT_DOOR_QUEUE = "frontdoor.view_queue"
    RECORD_CONTACT = "frontdoor.record_contact"
    SCREEN_CONTACT = "frontdoor.screen_contact"
    CONFIRM_CONTACT_DECISION = "frontdoor.confirm_decision"
    CLOSE_REFERRAL = "frontdoor.close_referral"
    VIEW_EARLY_HELP = "early_help.view_early_help"
    MANAGE_EARLY_HELP = "early_help.manage_early_help"
    # --- end front door and early help ---
    # --- Permanence, care leavers, rights and voice (stage/permanence-leavers) ---
    RECORD_CARE_LEAVER = "care_leavers.record_care_leaver"
    VIEW_LEAVING_CARE = "care_leavers.view_leaving_care"
    RECORD_PERMANENCE = "permanence.record_permanence"
    VIEW_PERMANENCE_TRACKER = "permanence.view_tracker"
    RECORD_RIGHTS = "rights.record_rights"
    # --- end permanence, care leavers, rights ---
    # --- Assessment, child protection and children in need (stage/protection) ---
    RECORD_ASSESSMENT = "assessments.record_assessment"
    AUTHORISE_ASSESSMENT = "assessments.authorise_assessment"
    RECORD_PROTECTION = "protection.record_protection"
    CHAIR_CONFERENCE = "protection.chair_conference"
    RECORD_MANAGEMENT_DECISION = "protection.record_management_decision"
    RECORD_CIN = "cin.record_cin"
    SIGN_OFF_CIN_PLAN = "cin.sign_off_cin_plan"
    # --- end stage/protection ---
    # --- casework: the child's story (chronology, case notes, documents, subject access) ---
    VIEW_CHRONOLOGY = "casework.view_chronology"
    CURATE_CHRONOLOGY = "casework.curate_chronology"
    EXPORT_CHRONOLOGY = "casework.export_chronology"
    RECORD_CASE_NOTE = "casework.record_case_note"
    MANAGE_DOCUMENTS = "casework.manage_documents"
    VIEW_RESTRICTED_CASEWORK = "casework.view_restricted_casework"
    HANDLE_SUBJECT_ACCESS = "casework.handle_subject_access"
    # --- end casework ---
    # --- statutory returns and data quality ---
    EXPORT_RETURNS = "returns.export_returns"
    VIEW_DATA_QUALITY = "returns.view_data_quality"
    # --- end returns ---


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

# Children in care.
_CARE_GRANTS: dict[Role, set[Permission]] = {
    Role.SOCIAL_WORKER: {P.VIEW_CARE, P.RECORD_CARE},
    Role.TEAM_MANAGER: {P.VIEW_CARE, P.RECORD_CARE, P.RECORD_LAC_REVIEW, P.VIEW_IRO_CASELOAD},
    Role.SERVICE_MANAGER: {
        P.VIEW_CARE,
        P.RECORD_CARE,
        P.APPROVE_PARENT_PLACEMENT,
        P.RECORD_LAC_REVIEW,
        P.VIEW_IRO_CASELOAD,
        P.VIEW_VIRTUAL_SCHOOL,
        P.VIEW_LAC_HEALTH,
    },
    Role.IRO: {P.VIEW_CARE, P.RECORD_LAC_REVIEW, P.VIEW_IRO_CASELOAD},
    Role.PERFORMANCE: {P.VIEW_CARE, P.VIEW_IRO_CASELOAD, P.VIEW_VIRTUAL_SCHOOL, P.VIEW_LAC_HEALTH},
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
        | {P.MANAGE_RETENTION}  # security stage: retention review
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
            P.MANAGE_RETENTION,  # security stage: retention review
        }
    ),
    # Partner agencies see only the children they are involved with (the access door
    # enforces that); they can contribute to the family network but not create records.
    Role.PARTNER: frozenset({P.VIEW_PERSON, P.SEARCH_PEOPLE, P.VIEW_OWN_WORK}),
}

# Front door and early help.
_FRONT_DOOR_GRANTS: dict[Role, set[Permission]] = {
    Role.SOCIAL_WORKER: {P.VIEW_CONTACTS, P.CLOSE_REFERRAL, P.VIEW_EARLY_HELP},
    Role.TEAM_MANAGER: {
        P.VIEW_CONTACTS,
        P.VIEW_FRONT_DOOR_QUEUE,
        P.RECORD_CONTACT,
        P.SCREEN_CONTACT,
        P.CONFIRM_CONTACT_DECISION,
        P.CLOSE_REFERRAL,
        P.VIEW_EARLY_HELP,
        P.MANAGE_EARLY_HELP,
    },
    Role.SERVICE_MANAGER: {
        P.VIEW_CONTACTS,
        P.VIEW_FRONT_DOOR_QUEUE,
        P.RECORD_CONTACT,
        P.SCREEN_CONTACT,
        P.CONFIRM_CONTACT_DECISION,
        P.CLOSE_REFERRAL,
        P.VIEW_EARLY_HELP,
        P.MANAGE_EARLY_HELP,
    },
    Role.FRONT_DOOR: {
        P.VIEW_CONTACTS,
        P.VIEW_FRONT_DOOR_QUEUE,
        P.RECORD_CONTACT,
        P.SCREEN_CONTACT,
        P.VIEW_EARLY_HELP,
    },
    Role.EARLY_HELP: {P.VIEW_CONTACTS, P.VIEW_EARLY_HELP, P.MANAGE_EARLY_HELP},
    Role.IRO: {P.VIEW_CONTACTS, P.VIEW_EARLY_HELP},
    Role.CP_CHAIR: {P.VIEW_CONTACTS, P.VIEW_EARLY_HELP},
}


# Permanence, care leavers, rights and voice.
_PERMANENCE_PRACTICE = {
    P.RECORD_CARE_LEAVER,
    P.VIEW_LEAVING_CARE,
    P.RECORD_PERMANENCE,
    P.VIEW_PERMANENCE_TRACKER,
    P.RECORD_RIGHTS,
}
_PERMANENCE_GRANTS: dict[Role, set[Permission]] = {
    Role.SOCIAL_WORKER: _PERMANENCE_PRACTICE,
    Role.TEAM_MANAGER: _PERMANENCE_PRACTICE,
    Role.SERVICE_MANAGER: _PERMANENCE_PRACTICE,
    Role.IRO: {P.RECORD_RIGHTS, P.VIEW_PERMANENCE_TRACKER},
    Role.PERFORMANCE: {P.VIEW_LEAVING_CARE, P.VIEW_PERMANENCE_TRACKER},
}

# Assessment, child protection and children in need: practitioners record assessments,
# strategy discussions, s47 enquiries, core groups and CIN work; team and service managers
# authorise assessments, sign off CIN plans and record management decisions; CP chairs record
# conferences, sign off CP plans and challenge drift.
_CASEWORK_RECORDING = {P.RECORD_ASSESSMENT, P.RECORD_PROTECTION, P.RECORD_CIN}
_CASEWORK_SIGN_OFF = {P.AUTHORISE_ASSESSMENT, P.SIGN_OFF_CIN_PLAN, P.RECORD_MANAGEMENT_DECISION}
_PROTECTION_GRANTS: dict[Role, set[Permission]] = {
    Role.SOCIAL_WORKER: _CASEWORK_RECORDING,
    Role.TEAM_MANAGER: _CASEWORK_RECORDING | _CASEWORK_SIGN_OFF,
    Role.SERVICE_MANAGER: _CASEWORK_RECORDING | _CASEWORK_SIGN_OFF | {P.CHAIR_CONFERENCE},
    Role.CP_CHAIR: {P.RECORD_PROTECTION, P.CHAIR_CONFERENCE},
}

# The child's story: chronology, case notes, documents, subject access.
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

# Statutory returns: performance staff build and download the returns and see every data
# quality finding; practitioners and managers see the findings on their own (team's) children.
_RETURNS_GRANTS: dict[Role, set[Permission]] = {
    Role.SOCIAL_WORKER: {P.VIEW_DATA_QUALITY},
    Role.TEAM_MANAGER: {P.VIEW_DATA_QUALITY},
    Role.SERVICE_MANAGER: {P.VIEW_DATA_QUALITY, P.EXPORT_RETURNS},
    Role.IRO: {P.VIEW_DATA_QUALITY},
    Role.CP_CHAIR: {P.VIEW_DATA_QUALITY},
    Role.FRONT_DOOR: {P.VIEW_DATA_QUALITY},
    Role.EARLY_HELP: {P.VIEW_DATA_QUALITY},
    Role.PERFORMANCE: {P.VIEW_DATA_QUALITY, P.EXPORT_RETURNS},
}

# Each stage's grants, added to the core table above. One place answers "who may do what".
_STAGE_GRANTS: tuple[dict[Role, set[Permission]], ...] = (
    _FRONT_DOOR_GRANTS,
    _PROTECTION_GRANTS,
    _CARE_GRANTS,
    _PERMANENCE_GRANTS,
    _STORY_GRANTS,
    _RETURNS_GRANTS,
)
ROLE_PERMISSIONS = {
    role: frozenset(granted.union(*(stage.get(role, set()) for stage in _STAGE_GRANTS)))
    for role, granted in ROLE_PERMISSIONS.items()
}

# Roles whose visibility is limited to children they are actively involved with.
INVOLVEMENT_ONLY_ROLES: frozenset[Role] = frozenset({Role.PARTNER})


def role_has(role: Role | str, permission: Permission | str) -> bool:
    try:
        return Permission(permission) in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False


def require(actor: object, permission: Permission) -> None:
    """The check every service makes first: the acting user's role must hold `permission`."""
    if not actor.has_perm(permission.value):  # type: ignore[attr-defined]
        raise PermissionDenied(permission.value)
