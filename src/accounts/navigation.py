from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [NavItem("dormant", "Dormant accounts", "accounts:dormant", Permission.MANAGE_USERS.value, 88)]
