"""The demo sign-in accounts: one per role, all with the published password.

Only the demo generator creates these. Every account it creates (demo or not) has an
e-mail address in `DEMO_EMAIL_DOMAIN` (a reserved `.invalid` domain, so nothing can ever
be sent to it): that is how `demo_accounts` tells them from real users with the same
usernames.
"""

from dataclasses import dataclass

from accounts.models import TeamKind, User
from accounts.permissions import Role

DEMO_PASSWORD = "harbour-demo"  # noqa: S105 - published on purpose: demo data only
DEMO_EMAIL_DOMAIN = "demo.harbour.invalid"
SYSTEM_USERNAME = "harbour.system"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    team_kind: str | None  # the kind of team the account works in, if any


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("social.worker", Role.SOCIAL_WORKER, TeamKind.SAFEGUARDING),
    DemoAccount("team.manager", Role.TEAM_MANAGER, TeamKind.SAFEGUARDING),
    DemoAccount("front.door", Role.FRONT_DOOR, TeamKind.FRONT_DOOR),
    DemoAccount("iro", Role.IRO, TeamKind.SAFEGUARDING_UNIT),
    DemoAccount("cp.chair", Role.CP_CHAIR, TeamKind.SAFEGUARDING_UNIT),
    DemoAccount("performance", Role.PERFORMANCE, TeamKind.PERFORMANCE),
    DemoAccount("auditor", Role.AUDITOR, None),
    DemoAccount("admin", Role.ADMIN, None),
    # A partner agency user (the health trust's named nurse), a partner auditor of the demo's
    # multi-agency audit: sees only the children that programme sampled.
    DemoAccount("named.nurse", Role.PARTNER, None),
)
DEMO_USERNAMES = tuple(a.username for a in DEMO_ACCOUNTS)


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_EMAIL_DOMAIN}"


def existing_demo_accounts() -> list[User]:
    """The demo accounts in this database, in the order of `DEMO_ACCOUNTS`."""
    found = {
        u.username: u
        for u in User.objects.filter(
            username__in=DEMO_USERNAMES, email__endswith=f"@{DEMO_EMAIL_DOMAIN}"
        ).select_related("team")
    }
    return [found[name] for name in DEMO_USERNAMES if name in found]
