"""The role table's grants, written out as a grid: whatever shape `accounts.permissions` gives
the table, each role holds exactly the permissions marked `x` in its column."""

from accounts.permissions import ROLE_PERMISSIONS, Permission, Role, role_has

COLUMNS = {
    "SW": "social_worker",
    "TM": "team_manager",
    "SM": "service_manager",
    "FD": "front_door",
    "EH": "early_help",
    "IRO": "iro",
    "CP": "cp_chair",
    "PF": "performance",
    "AU": "auditor",
    "AD": "admin",
    "PA": "partner",
}

GRID = """
                                       SW   TM   SM   FD   EH   IRO  CP   PF   AU   AD   PA
accounts.manage_users                  .    .    .    .    .    .    .    .    .    x    .
assessments.authorise_assessment       .    x    x    .    .    .    .    .    .    .    .
assessments.record_assessment          x    x    x    .    .    .    .    .    .    .    .
audit.view_audit                       .    .    .    .    .    .    .    .    x    .    .
care_leavers.record_care_leaver        x    x    x    .    .    .    .    .    .    .    .
care_leavers.view_leaving_care         x    x    x    .    .    .    .    x    .    .    .
casework.curate_chronology             x    x    x    x    x    x    x    .    .    .    .
casework.export_chronology             x    x    x    x    x    x    x    .    .    .    .
casework.hand_over_drafts              .    x    x    .    .    .    .    .    .    .    .
casework.handle_subject_access         .    x    x    .    .    .    .    .    .    x    .
casework.manage_documents              x    x    x    x    x    x    x    .    .    .    .
casework.record_case_note              x    x    x    x    x    x    x    .    .    .    .
casework.record_visit                  x    x    x    x    x    x    x    .    .    .    .
casework.view_chronology               x    x    x    x    x    x    x    .    x    .    .
casework.view_restricted_casework      .    x    x    .    .    .    .    .    .    .    .
cin.record_cin                         x    x    x    .    .    .    .    .    .    .    .
cin.sign_off_cin_plan                  .    x    x    .    .    .    .    .    .    .    .
early_help.manage_early_help           .    x    x    .    x    .    .    .    .    .    .
early_help.view_early_help             x    x    x    x    x    x    x    .    .    .    .
frontdoor.close_referral               x    x    x    .    .    .    .    .    .    .    .
frontdoor.confirm_decision             .    x    x    .    .    .    .    .    .    .    .
frontdoor.record_contact               .    x    x    x    .    .    .    .    .    .    .
frontdoor.screen_contact               .    x    x    x    .    .    .    .    .    .    .
frontdoor.view_contacts                x    x    x    x    x    x    x    .    .    .    .
frontdoor.view_queue                   .    x    x    x    .    .    .    .    .    .    .
lifecycle.manage_retention             .    .    .    .    .    .    .    x    .    x    .
looked_after.approve_parent_placement  .    .    x    .    .    .    .    .    .    .    .
looked_after.record_care               x    x    x    .    .    .    .    .    .    .    .
looked_after.record_lac_review         .    x    x    .    .    x    .    .    .    .    .
looked_after.view_care                 x    x    x    .    .    x    .    x    .    .    .
looked_after.view_iro_caseload         .    x    x    .    .    x    .    x    .    .    .
looked_after.view_lac_health           .    .    x    .    .    .    .    x    .    .    .
looked_after.view_virtual_school       .    .    x    .    .    .    .    x    .    .    .
people.break_glass                     x    x    x    x    .    x    x    .    .    .    .
people.create_person                   x    x    x    x    x    .    .    .    .    .    .
people.grant_access                    .    .    x    .    .    .    .    .    x    .    .
people.edit_person                     x    x    x    x    x    x    x    .    .    .    .
people.manage_relationships            x    x    x    x    x    x    x    .    .    .    .
people.merge_people                    .    x    x    .    .    .    .    .    .    x    .
people.restrict_record                 .    x    x    .    .    .    .    .    .    x    .
people.search_people                   x    x    x    x    x    x    x    x    x    x    x
people.undo_merge                      .    .    .    .    .    .    .    .    .    x    .
people.view_person                     x    x    x    x    x    x    x    x    x    x    x
performance.manage_performance         .    .    .    .    .    .    .    x    .    .    .
performance.view_performance           x    x    x    .    .    .    .    x    .    .    .
permanence.record_permanence           x    x    x    .    .    .    .    .    .    .    .
permanence.view_tracker                x    x    x    .    .    x    .    x    .    .    .
protection.chair_conference            .    .    x    .    .    .    x    .    .    .    .
protection.record_management_decision  .    x    x    .    .    .    .    .    .    .    .
protection.record_protection           x    x    x    .    .    .    x    .    .    .    .
quality.audit_case                     .    x    x    .    .    .    .    .    x    .    x
quality.complete_action                x    x    x    .    .    .    .    .    .    .    .
quality.manage_audit_programmes        .    .    x    .    .    .    .    .    x    .    .
quality.record_establishment           .    .    x    .    .    .    .    x    .    .    .
quality.record_supervision             .    x    x    .    .    .    .    .    .    .    .
quality.review_duplicates              .    x    x    .    .    .    .    .    .    .    .
quality.view_quality                   .    x    x    .    .    .    .    x    x    .    .
quality.view_supervision               x    x    x    .    .    .    .    .    .    .    .
quality.view_supervision_by_team       .    x    x    .    .    .    .    x    .    .    .
quality.withdraw_action                .    x    x    .    .    .    .    .    .    .    .
returns.export_returns                 .    .    x    .    .    .    .    x    .    .    .
returns.view_data_quality              x    x    x    x    x    x    x    x    .    .    .
rights.record_rights                   x    x    x    .    .    x    .    .    .    .    .
timescales.view_rules                  x    x    x    x    x    x    x    x    x    x    .
workforce.allocate_child               .    x    x    .    .    .    .    .    .    x    .
workforce.view_all_teams               .    .    x    .    .    .    .    x    .    x    .
workforce.view_own_work                x    x    x    x    x    x    x    .    .    .    x
workforce.view_team_work               .    x    x    .    .    .    .    x    .    x    .
"""


def _read_grid(grid: str) -> dict[str, tuple[str, ...]]:
    header, *rows = grid.strip("\n").splitlines()
    roles = [COLUMNS[column] for column in header.split()]
    granted: dict[str, list[str]] = {role: [] for role in roles}
    for row in rows:
        permission, *marks = row.split()
        assert len(marks) == len(roles), permission
        for role, mark in zip(roles, marks, strict=True):
            assert mark in {"x", "."}, permission
            if mark == "x":
                granted[role].append(permission)
    return {role: tuple(sorted(permissions)) for role, permissions in granted.items()}


EXPECTED = _read_grid(GRID)


def test_each_role_holds_exactly_its_listed_permissions():
    actual = {
        role.value: tuple(sorted(p.value for p in granted)) for role, granted in ROLE_PERMISSIONS.items()
    }
    assert actual == EXPECTED


def test_every_role_and_permission_is_in_the_table():
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert set().union(*ROLE_PERMISSIONS.values()) == set(Permission)


def test_role_has_answers_from_the_table():
    for role in Role:
        for permission in Permission:
            assert role_has(role, permission) == (permission.value in EXPECTED[role.value])
            assert role_has(role.value, permission.value) == (permission.value in EXPECTED[role.value])
    assert not role_has("no_such_role", Permission.VIEW_PERSON)
    assert not role_has(Role.ADMIN, "no_such.permission")
