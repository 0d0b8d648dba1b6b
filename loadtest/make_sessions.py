"""Make a signed-in session for each demo practitioner, with the children they may open.

Sign-in itself (password hashing, two-factor) is not what the load test measures, so each
simulated user starts with a real Django session for one demo account (one account per
user: no shared sessions). Writes JSON: [{"username", "cookie", "session", "caseload": [ids],
"surnames": [...]}].
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.permissions import Role  # noqa: E402
from people.models import Person  # noqa: E402
from workforce.models import Allocation  # noqa: E402

ROLES = [Role.SOCIAL_WORKER.value, Role.TEAM_MANAGER.value, Role.FRONT_DOOR.value]


def main(path: str) -> None:
    users = list(
        User.objects.filter(role__in=ROLES, is_active=True, email__endswith=".invalid").order_by("pk")
    )
    surnames = list(
        Person.objects.filter(record_type="CHILD").values_list("family_name", flat=True).distinct()[:400]
    )
    out = []
    for user in users:
        caseload = list(
            Allocation.objects.filter(worker=user, end_date__isnull=True).values_list("person_id", flat=True)[
                :60
            ]
        )
        if not caseload:
            continue
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "accounts.backends.PasswordBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        out.append(
            {
                "username": user.username,
                "cookie": settings.SESSION_COOKIE_NAME,
                "session": session.session_key,
                "caseload": caseload,
                "surnames": surnames,
            }
        )
    Path(path).write_text(json.dumps(out))
    print(f"{len(out)} sessions for demo practitioners with caseloads written to {path}")


if __name__ == "__main__":
    main(sys.argv[1])
