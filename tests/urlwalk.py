"""Every URL the project routes, with the permission its view declares.

Shared by the permission matrix and the accessibility sweep, so a new page is covered by
both the moment it is routed.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

KNOWN_KWARGS = frozenset({"person_id", "team_id", "user_id"})
_KWARG = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Endpoint:
    name: str
    route: str
    callback: Any

    @property
    def required(self) -> Any:
        return getattr(self.callback, "required_permission", None)

    @property
    def kwargs(self) -> list[str]:
        return _KWARG.findall(self.route)

    def path(self, values: dict[str, Any]) -> str:
        return "/" + _KWARG.sub(lambda m: str(values[m.group(1)]), self.route)

    def __str__(self) -> str:
        return self.name


def _walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> list[Endpoint]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            found += _walk(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            label = pattern.name or route
            name = f"{namespace}:{label}" if namespace else label
            found.append(Endpoint(name=name, route=route, callback=pattern.callback))
    return found


def walk_urls() -> list[Endpoint]:
    return _walk(get_resolver().url_patterns)
