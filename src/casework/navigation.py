from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem(
        "drafts_left",
        "Drafts left by leavers",
        "casework:drafts_left",
        Permission.HAND_OVER_DRAFTS.value,
        order=75,
    ),
]
