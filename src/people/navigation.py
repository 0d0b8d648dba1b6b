from accounts.permissions import Permission
from core.extensions import NavItem

ITEMS = [
    NavItem("search", "Find a person", "people:search", Permission.SEARCH_PEOPLE.value, order=30),
    NavItem("create", "Add a person", "people:create", Permission.CREATE_PERSON.value, order=40),
]
