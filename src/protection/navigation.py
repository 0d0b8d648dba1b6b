from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("chair", "Conferences I chair", "protection:chair", Permission.CHAIR_CONFERENCE.value, order=60)
]
