from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.checkpoints import CheckpointError, anchor_problem, read_anchors, stored_problems
from audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the audit trail's keyed hash chain (every row unchanged and none removed), the checkpoints "
        "kept in the database, and any checkpoint files the authority kept (ADR 0003)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="FILE",
            help="A checkpoint exported by audit_checkpoint (or an anchor file of them); repeatable",
        )

    def handle(self, *args: Any, checkpoint: list[str], **options: Any) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"Audit chain broken at row {report.first_bad_id}: {report.problem} "
                f"({report.checked} rows verified before it)."
            )
        failures = [f"checkpoint {cp.pk} (row {cp.event_id}): {problem}" for cp, problem in stored_problems()]
        anchors = 0
        for name in checkpoint:
            try:
                found = read_anchors(Path(name))
            except CheckpointError as exc:
                raise CommandError(str(exc)) from exc
            for anchor in found:
                problem = anchor_problem(anchor)
                if problem:
                    failures.append(f"{name}, row {anchor.get('sequence')}: {problem}")
            anchors += len(found)
        if failures:
            raise CommandError("Audit chain does not hold its checkpoints: " + "; ".join(failures))
        unkeyed = f" ({report.unkeyed} from before the chain was keyed)" if report.unkeyed else ""
        held = f"; {anchors} exported checkpoints held" if checkpoint else ""
        self.stdout.write(f"Audit chain intact: {report.checked} rows verified{unkeyed}{held}.")
