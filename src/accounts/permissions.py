"""Roles and permissions, as data, in one place.

Every view declares the one permission it needs (see `accounts.decorators`); which roles
hold which permission is the table `GRANTS` below and nothing else (`ROLE_PERMISSIONS` is
the same table read by role; `role_has` asks it). Record-level rules (restricted records,
partner agencies) are applied by the access door, `people.access`, on top of these role
permissions.
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

    # The child's record
    VIEW_PERSON = "people.view_person"
    SEARCH_PEOPLE = "people.search_people"
    CREATE_PERSON = "people.create_person"
    EDIT_PERSON = "people.edit_person"
    MANAGE_RELATIONSHIPS = "people.manage_relationships"
    MERGE_PEOPLE = "people.merge_people"
    UNDO_MERGE = "people.undo_merge"
    RESTRICT_RECORD = "people.restrict_record"
    BREAK_GLASS = "people.break_glass"
    GRANT_RECORD_ACCESS = "people.grant_access"
    # Work and teams
    VIEW_OWN_WORK = "workforce.view_own_work"
    VIEW_TEAM_WORK = "workforce.view_team_work"
    VIEW_ALL_TEAMS = "workforce.view_all_teams"
    ALLOCATE_CHILD = "workforce.allocate_child"
    # Casework: visits, the chronology, case notes, documents, subject access
    RECORD_VISIT = "casework.record_visit"
    VIEW_CHRONOLOGY = "casework.view_chronology"
    CURATE_CHRONOLOGY = "casework.curate_chronology"
    EXPORT_CHRONOLOGY = "casework.export_chronology"
    RECORD_CASE_NOTE = "casework.record_case_note"
    MANAGE_DOCUMENTS = "casework.manage_documents"
    VIEW_RESTRICTED_CASEWORK = "casework.view_restricted_casework"
    HANDLE_SUBJECT_ACCESS = "casework.handle_subject_access"
    HAND_OVER_DRAFTS = "casework.hand_over_drafts"
    # Front door
    VIEW_CONTACTS = "frontdoor.view_contacts"
    VIEW_FRONT_DOOR_QUEUE = "frontdoor.view_queue"
    RECORD_CONTACT = "frontdoor.record_contact"
    SCREEN_CONTACT = "frontdoor.screen_contact"
    CONFIRM_CONTACT_DECISION = "frontdoor.confirm_decision"
    CLOSE_REFERRAL = "frontdoor.close_referral"
    # Early help
    VIEW_EARLY_HELP = "early_help.view_early_help"
    MANAGE_EARLY_HELP = "early_help.manage_early_help"
    # Assessments
    RECORD_ASSESSMENT = "assessments.record_assessment"
    AUTHORISE_ASSESSMENT = "assessments.authorise_assessment"
    # Child protection
    RECORD_PROTECTION = "protection.record_protection"
    CHAIR_CONFERENCE = "protection.chair_conference"
    RECORD_MANAGEMENT_DECISION = "protection.record_management_decision"
    # Children in need
    RECORD_CIN = "cin.record_cin"
    SIGN_OFF_CIN_PLAN = "cin.sign_off_cin_plan"
    # Children in care
    VIEW_CARE = "looked_after.view_care"
    RECORD_CARE = "looked_after.record_care"
    APPROVE_PARENT_PLACEMENT = "looked_after.approve_parent_placement"
    RECORD_LAC_REVIEW = "looked_after.record_lac_review"
    VIEW_IRO_CASELOAD = "looked_after.view_iro_caseload"
    VIEW_VIRTUAL_SCHOOL = "looked_after.view_virtual_school"
    VIEW_LAC_HEALTH = "looked_after.view_lac_health"
    # Permanence
    RECORD_PERMANENCE = "permanence.record_permanence"
    VIEW_PERMANENCE_TRACKER = "permanence.view_tracker"
    # Care leavers
    RECORD_CARE_LEAVER = "care_leavers.record_care_leaver"
    VIEW_LEAVING_CARE = "care_leavers.view_leaving_care"
    # Rights and the child's voice
    RECORD_RIGHTS = "rights.record_rights"
    # Supervision, management oversight, case audits and workload
    VIEW_SUPERVISION = "quality.view_supervision"
    RECORD_SUPERVISION = "quality.record_supervision"
    VIEW_SUPERVISION_BY_TEAM = "quality.view_supervision_by_team"
    COMPLETE_QUALITY_ACTION = "quality.complete_action"
    WITHDRAW_QUALITY_ACTION = "quality.withdraw_action"
    AUDIT_CASE = "quality.audit_case"
    VIEW_QUALITY = "quality.view_quality"
    MANAGE_AUDIT_PROGRAMMES = "quality.manage_audit_programmes"
    RECORD_ESTABLISHMENT = "quality.record_establishment"
    REVIEW_DUPLICATES = "quality.review_duplicates"
    # Statutory returns and data quality
    EXPORT_RETURNS = "returns.export_returns"
    VIEW_DATA_QUALITY = "returns.view_data_quality"
    # Performance: indicators, targets and the child population
    VIEW_PERFORMANCE = "performance.view_performance"
    MANAGE_PERFORMANCE = "performance.manage_performance"
    # Retention, audit, timescales and user accounts
    MANAGE_RETENTION = "lifecycle.manage_retention"
    VIEW_AUDIT = "audit.view_audit"
    VIEW_TIMESCALES = "timescales.view_rules"
    MANAGE_USERS = "accounts.manage_users"


# Short names for the roles, the columns of the table below.
SW = Role.SOCIAL_WORKER
TM = Role.TEAM_MANAGER
SM = Role.SERVICE_MANAGER
FD = Role.FRONT_DOOR
EH = Role.EARLY_HELP
IRO = Role.IRO
CPC = Role.CP_CHAIR
PRF = Role.PERFORMANCE
AUD = Role.AUDITOR
ADM = Role.ADMIN
PTN = Role.PARTNER

P = Permission

# Which roles hold each permission: read a row for "who may authorise an assessment?",
# a column for "what may a team manager do?". Partner agencies see only the children they
# are involved with (the access door enforces that).
# fmt: off
GRANTS: dict[Permission, set[Role]] = {
    #                                  SW  TM  SM  FD  EH  IRO  CPC  PRF  AUD  ADM  PTN
    # The child's record
    P.VIEW_PERSON:                    {SW, TM, SM, FD, EH, IRO, CPC, PRF, AUD, ADM, PTN},
    P.SEARCH_PEOPLE:                  {SW, TM, SM, FD, EH, IRO, CPC, PRF, AUD, ADM, PTN},
    P.CREATE_PERSON:                  {SW, TM, SM, FD, EH},
    P.EDIT_PERSON:                    {SW, TM, SM, FD, EH, IRO, CPC},
    P.MANAGE_RELATIONSHIPS:           {SW, TM, SM, FD, EH, IRO, CPC},
    P.MERGE_PEOPLE:                   {    TM, SM,                             ADM},
    P.UNDO_MERGE:                     {                                        ADM},
    P.RESTRICT_RECORD:                {    TM, SM,                             ADM},
    P.BREAK_GLASS:                    {SW, TM, SM, FD,     IRO, CPC},
    P.GRANT_RECORD_ACCESS:            {        SM,                        AUD},
    # Work and teams
    P.VIEW_OWN_WORK:                  {SW, TM, SM, FD, EH, IRO, CPC,                PTN},
    P.VIEW_TEAM_WORK:                 {    TM, SM,                   PRF,      ADM},
    P.VIEW_ALL_TEAMS:                 {        SM,                   PRF,      ADM},
    P.ALLOCATE_CHILD:                 {    TM, SM,                             ADM},
    # Casework: visits, the chronology, case notes, documents, subject access
    P.RECORD_VISIT:                   {SW, TM, SM, FD, EH, IRO, CPC},
    P.VIEW_CHRONOLOGY:                {SW, TM, SM, FD, EH, IRO, CPC,      AUD},
    P.CURATE_CHRONOLOGY:              {SW, TM, SM, FD, EH, IRO, CPC},
    P.EXPORT_CHRONOLOGY:              {SW, TM, SM, FD, EH, IRO, CPC},
    P.RECORD_CASE_NOTE:               {SW, TM, SM, FD, EH, IRO, CPC},
    P.MANAGE_DOCUMENTS:               {SW, TM, SM, FD, EH, IRO, CPC},
    P.VIEW_RESTRICTED_CASEWORK:       {    TM, SM},
    P.HANDLE_SUBJECT_ACCESS:          {    TM, SM,                             ADM},
    P.HAND_OVER_DRAFTS:               {    TM, SM},
    # Front door
    P.VIEW_CONTACTS:                  {SW, TM, SM, FD, EH, IRO, CPC},
    P.VIEW_FRONT_DOOR_QUEUE:          {    TM, SM, FD},
    P.RECORD_CONTACT:                 {    TM, SM, FD},
    P.SCREEN_CONTACT:                 {    TM, SM, FD},
    P.CONFIRM_CONTACT_DECISION:       {    TM, SM},
    P.CLOSE_REFERRAL:                 {SW, TM, SM},
    # Early help
    P.VIEW_EARLY_HELP:                {SW, TM, SM, FD, EH, IRO, CPC},
    P.MANAGE_EARLY_HELP:              {    TM, SM,     EH},
    # Assessments
    P.RECORD_ASSESSMENT:              {SW, TM, SM},
    P.AUTHORISE_ASSESSMENT:           {    TM, SM},
    # Child protection
    P.RECORD_PROTECTION:              {SW, TM, SM,              CPC},
    P.CHAIR_CONFERENCE:               {        SM,              CPC},
    P.RECORD_MANAGEMENT_DECISION:     {    TM, SM},
    # Children in need
    P.RECORD_CIN:                     {SW, TM, SM},
    P.SIGN_OFF_CIN_PLAN:              {    TM, SM},
    # Children in care
    P.VIEW_CARE:                      {SW, TM, SM,         IRO,      PRF},
    P.RECORD_CARE:                    {SW, TM, SM},
    P.APPROVE_PARENT_PLACEMENT:       {        SM},
    P.RECORD_LAC_REVIEW:              {    TM, SM,         IRO},
    P.VIEW_IRO_CASELOAD:              {    TM, SM,         IRO,      PRF},
    P.VIEW_VIRTUAL_SCHOOL:            {        SM,                   PRF},
    P.VIEW_LAC_HEALTH:                {        SM,                   PRF},
    # Permanence
    P.RECORD_PERMANENCE:              {SW, TM, SM},
    P.VIEW_PERMANENCE_TRACKER:        {SW, TM, SM,         IRO,      PRF},
    # Care leavers
    P.RECORD_CARE_LEAVER:             {SW, TM, SM},
    P.VIEW_LEAVING_CARE:              {SW, TM, SM,                   PRF},
    # Rights and the child's voice
    P.RECORD_RIGHTS:                  {SW, TM, SM,         IRO},
    # Supervision, management oversight, case audits and workload
    P.VIEW_SUPERVISION:               {SW, TM, SM},
    P.RECORD_SUPERVISION:             {    TM, SM},
    P.VIEW_SUPERVISION_BY_TEAM:       {    TM, SM,                   PRF},
    P.COMPLETE_QUALITY_ACTION:        {SW, TM, SM},
    P.WITHDRAW_QUALITY_ACTION:        {    TM, SM},
    P.AUDIT_CASE:                     {    TM, SM,                        AUD,      PTN},
    P.VIEW_QUALITY:                   {    TM, SM,                   PRF, AUD},
    P.MANAGE_AUDIT_PROGRAMMES:        {        SM,                        AUD},
    P.RECORD_ESTABLISHMENT:           {        SM,                   PRF},
    # The duplicate sweep's queue: those who see data quality and may merge records.
    P.REVIEW_DUPLICATES:              {    TM, SM},
    # Statutory returns and data quality
    P.EXPORT_RETURNS:                 {        SM,                   PRF},
    P.VIEW_DATA_QUALITY:              {SW, TM, SM, FD, EH, IRO, CPC, PRF},
    # Performance: indicators, targets and the child population
    P.VIEW_PERFORMANCE:               {SW, TM, SM,                   PRF},
    P.MANAGE_PERFORMANCE:             {                              PRF},
    # Retention, audit, timescales and user accounts
    P.MANAGE_RETENTION:               {                              PRF,      ADM},
    P.VIEW_AUDIT:                     {                                   AUD},
    P.VIEW_TIMESCALES:                {SW, TM, SM, FD, EH, IRO, CPC, PRF, AUD, ADM},
    P.MANAGE_USERS:                   {                                        ADM},
}
# fmt: on

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    role: frozenset(permission for permission, roles in GRANTS.items() if role in roles) for role in Role
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
