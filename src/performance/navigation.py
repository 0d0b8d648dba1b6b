from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("performance", "Performance", "performance:index", Permission.VIEW_PERFORMANCE.value, 89),
]
