from django.db import models

from core.records import staff


class WorkerAtTheTime(models.Model):
    """A record about a child that keeps the child's social worker and team as they were when
    it was made, so later reallocation does not rewrite who held the case."""

    worker = staff(optional=True)
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
