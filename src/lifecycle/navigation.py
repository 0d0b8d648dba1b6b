from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [NavItem("retention", "Retention", "lifecycle:index", Permission.MANAGE_RETENTION.value, 85)]
