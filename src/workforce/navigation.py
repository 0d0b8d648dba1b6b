from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("my_work", "My work", "workforce:my_work", Permission.VIEW_OWN_WORK.value, order=10),
    NavItem("teams", "Teams", "workforce:teams", Permission.VIEW_TEAM_WORK.value, order=20),
]
