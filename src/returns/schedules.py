"""The worker's recurring work, declared once and registered idempotently.

`manage.py setup_schedules` (run by `make migrate`/`make run` and in each production
release) makes the django-q2 schedules match `SCHEDULES`: it adds missing ones, updates
changed ones, and never duplicates or resets the next run of those already there.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone
from django_q.models import Schedule


@dataclass(frozen=True)
class Recurring:
    name: str
    func: str
    at: time  # local time of day
    schedule_type: str = Schedule.DAILY


SCHEDULES = [
    # Every night: the DfE's rules over all live data, so the data-quality page is current.
    Recurring("returns: nightly validation of live data", "returns.tasks.nightly_validation", time(2, 30)),
    # Every night: server-side drafts not saved for HARBOUR_DRAFT_RETENTION_DAYS are deleted.
    Recurring("core: purge old drafts", "core.drafts.purge_old_drafts", time(3, 15)),
    # Every night: stored files no row refers to (a failed delete, a rolled-back upload), a day old.
    Recurring("lifecycle: sweep orphaned files", "lifecycle.tasks.sweep_orphaned_files_nightly", time(3, 45)),
    # Every night: the authority-wide duplicate sweep queues probable duplicates for review.
    Recurring("quality: duplicate sweep", "quality.tasks.duplicate_sweep", time(1, 30)),
    # Every morning: on the 1st, last month's performance report is announced to its readers.
    Recurring("performance: monthly report notice", "performance.tasks.monthly_report_notice", time(7, 0)),
    # Every night: the audit chain verified since the last checkpoint and its end anchored in a
    # signed checkpoint, appended to HARBOUR_AUDIT_ANCHOR_FILE too (ADR 0003).
    Recurring("audit: nightly checkpoint", "audit.tasks.checkpoint_nightly", time(4, 15)),
]


def _next_at(at: time, now: datetime) -> datetime:
    local = timezone.localtime(now)
    candidate = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > local else candidate + timedelta(days=1)


def register(now: datetime | None = None) -> list[str]:
    """Create or update each schedule by name; returns what was done, one line each."""
    now = now or timezone.now()
    done = []
    for item in SCHEDULES:
        schedule = Schedule.objects.filter(name=item.name).first()
        if schedule is None:
            Schedule.objects.create(
                name=item.name,
                func=item.func,
                schedule_type=item.schedule_type,
                next_run=_next_at(item.at, now),
                repeats=-1,
            )
            done.append(f"added {item.name}")
        elif (schedule.func, schedule.schedule_type) != (item.func, item.schedule_type):
            schedule.func, schedule.schedule_type = item.func, item.schedule_type
            schedule.next_run = _next_at(item.at, now)
            schedule.save(update_fields=["func", "schedule_type", "next_run"])
            done.append(f"updated {item.name}")
        else:
            done.append(f"unchanged {item.name}")
    return done
