"""Password authentication without Django's per-user permission tables.

Permissions come only from the role table (`accounts.rules`, ADR 0006). Django's
ModelBackend would still answer every `has_perm` call by loading the user's and their
groups' permissions (two queries per request, for tables Harbour never fills); this
backend authenticates passwords and grants nothing.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False
