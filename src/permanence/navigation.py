from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("permanence", "Permanence", "permanence:tracker", Permission.VIEW_PERMANENCE_TRACKER.value, 65)
]
