from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [NavItem("audit", "Audit", "audit:index", Permission.VIEW_AUDIT.value, order=90)]
