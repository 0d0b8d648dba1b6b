from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("returns", "Statutory returns", "returns:exports", Permission.EXPORT_RETURNS.value, 90),
    NavItem("data_quality", "Data quality", "returns:data_quality", Permission.VIEW_DATA_QUALITY.value, 91),
]
