"""django-rules registration generated from the one permission table.

`user.has_perm("people.view_person")` answers from `ROLE_PERMISSIONS`; nothing else
grants a permission (Django's per-user permission tables are not used).
"""

import rules

from .permissions import Permission, role_has


def _make_predicate(permission: Permission) -> rules.Predicate:
    @rules.predicate(name=f"has_role_permission:{permission.value}")
    def predicate(user: object) -> bool:
        if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
            return False
        return role_has(getattr(user, "role", ""), permission)

    return predicate


for _permission in Permission:
    rules.add_perm(_permission.value, _make_predicate(_permission))
