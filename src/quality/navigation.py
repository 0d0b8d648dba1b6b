from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("supervision", "Supervision", "quality:supervision", Permission.VIEW_SUPERVISION.value, order=80),
    NavItem("workload", "Workload", "quality:workload", Permission.VIEW_QUALITY.value, order=84),
    NavItem("audits", "Case audits", "quality:audits", Permission.VIEW_QUALITY.value, order=85),
]
