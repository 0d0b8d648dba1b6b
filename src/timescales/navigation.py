from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [NavItem("timescales", "Timescales", "timescales:rules", Permission.VIEW_TIMESCALES.value, order=95)]
