from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("supervision", "Supervision", "quality:supervision", Permission.VIEW_SUPERVISION.value, order=80),
    NavItem(
        "supervision_by_team",
        "Supervision by team",
        "quality:supervision_teams",
        Permission.VIEW_SUPERVISION_BY_TEAM.value,
        order=81,
    ),
    NavItem("workload", "Workload", "quality:workload", Permission.VIEW_QUALITY.value, order=84),
    NavItem("workforce", "Workforce", "quality:workforce", Permission.VIEW_QUALITY.value, order=86),
    NavItem("audits", "Case audits", "quality:audits", Permission.VIEW_QUALITY.value, order=85),
]
