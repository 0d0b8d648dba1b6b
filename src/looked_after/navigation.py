from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [NavItem("children_in_care", "Children in care", "looked_after:team", Permission.VIEW_CARE.value, 55)]
