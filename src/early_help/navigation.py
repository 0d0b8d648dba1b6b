from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [NavItem("early_help", "Early help", "early_help:home", Permission.MANAGE_EARLY_HELP.value, order=55)]
