from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [NavItem("chair", "Plans I chair", "protection:chair", Permission.CHAIR_CONFERENCE.value, order=60)]
