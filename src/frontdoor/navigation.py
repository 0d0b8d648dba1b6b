from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("frontdoor", "Front door", "frontdoor:queue", Permission.VIEW_FRONT_DOOR_QUEUE.value, order=50)
]
