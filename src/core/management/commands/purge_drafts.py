from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.drafts import purge_old_drafts
from core.presenters import counted


class Command(BaseCommand):
    help = (
        "Delete server-side drafts of forms not saved for --older-than days "
        "(default HARBOUR_DRAFT_RETENTION_DAYS). Prints only the count."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--older-than", type=int, default=None, metavar="DAYS", dest="older_than")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = purge_old_drafts(older_than_days=options["older_than"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{counted(result.deleted, 'draft')} older than {result.older_than_days} days deleted."
        )
