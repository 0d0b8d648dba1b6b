from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [NavItem("leaving_care", "Leaving care", "care_leavers:team", Permission.VIEW_LEAVING_CARE.value, 70)]
