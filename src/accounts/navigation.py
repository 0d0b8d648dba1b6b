from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("users", "User accounts", "accounts:users", Permission.MANAGE_USERS.value, 87),
    NavItem("dormant", "Dormant accounts", "accounts:dormant", Permission.MANAGE_USERS.value, 88),
]
