from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("supervision", "Supervision", "quality:supervision", Permission.VIEW_SUPERVISION.value, order=80),
    NavItem("audits", "Case audits", "quality:audits", Permission.VIEW_QUALITY.value, order=85),
]
