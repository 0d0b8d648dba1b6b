from datetime import date

from accounts.permissions import Role
from core.models import Notification
from performance.tasks import monthly_report_notice


def test_on_the_first_of_the_month_readers_are_told_last_month_s_report_is_ready(db, make_user):
    manager = make_user(Role.SERVICE_MANAGER, "service.manager")
    analyst = make_user(Role.PERFORMANCE, "analyst")
    make_user(Role.SOCIAL_WORKER, "worker")
    assert monthly_report_notice(date(2026, 12, 2)) == 0
    assert monthly_report_notice(date(2026, 12, 1)) == 2
    told = Notification.objects.order_by("recipient__username")
    assert [n.recipient for n in told] == [analyst, manager]
    assert told[0].subject == "Performance report for November 2026 is ready"
    assert told[0].link == "/performance/report/?month=2026-11"
