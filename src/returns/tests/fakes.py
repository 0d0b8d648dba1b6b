"""A fake builder/validator pair, put in the registry in place of a real return.

It reads real records (people), so a change to a child shows in the next build. Rule
"FAKE-SEX" is an error for a child whose sex is not recorded ("U"); rule "FAKE-ETH" is a
query for ethnicity not obtained ("NOBT"). Every build reports one gap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from typing import Any

from people.models import Person
from returns import registry
from returns.base import Finding, Gap, ReturnOutput, Severity, Source, Table, no_progress

calls: list[dict[str, Any]] = []


def fake_build(name: str) -> Callable[..., ReturnOutput]:
    def build(
        param: int | date, *, person_ids: list[int] | None = None, progress: Any = None
    ) -> ReturnOutput:
        progress = progress or no_progress
        calls.append({"return": name, "param": param, "person_ids": person_ids})
        people = Person.objects.filter(record_type="CHILD").order_by("pk")
        if person_ids is not None:
            people = people.filter(pk__in=person_ids)
        rows = list(people.values_list("pk", "la_child_id", "sex", "ethnicity"))
        table = Table("children", ["LAchildID", "Sex", "Ethnicity"])
        for done, (pk, la_id, sex, ethnicity) in enumerate(rows, start=1):
            table.add([la_id, sex, ethnicity], Source(pk, "people.person", pk))
            progress(done, len(rows), "Children")
        files = {
            f"{name}_children.csv": b"LAchildID,Sex\n"
            + b"".join(f"{r[0]},{r[1]}\n".encode() for r in table.rows)
        }
        if name == "ssda903":
            files["header.csv"] = b"CHILD,SEX\n"
        gaps = [Gap(name, "FAKE-GAP", f"{name}: an item Harbour does not record")]
        return ReturnOutput(name=name, tables={"children": table}, files=files, gaps=gaps)

    return build


def fake_validate(
    output: ReturnOutput, year: int, previous: Any = None, *, children_only: bool = False
) -> list[Finding]:
    found = []
    table = output.tables["children"]
    for row, source in zip(table.rows, table.sources, strict=True):
        if row[1] == "U":
            found.append(
                Finding(output.name, "FAKE-SEX", "Sex must be recorded", Severity.ERROR, source, ("Sex",))
            )
        if row[2] == "NOBT":
            found.append(
                Finding(
                    output.name, "FAKE-ETH", "Ethnicity not obtained", Severity.QUERY, source, ("Ethnicity",)
                )
            )
    return found


def failing_build(*args: Any, **kwargs: Any) -> ReturnOutput:
    raise RuntimeError("Amelia Hughes, born 27/03/2015, broke the builder")  # personal data in the message


@contextmanager
def fake_returns(**overrides: registry.Implementation | None) -> Iterator[None]:
    """All three returns faked (validators for the two with DfE rules), or as overridden."""
    calls.clear()
    with ExitStack() as stack:
        for name, spec in registry.SPECS.items():
            impl = overrides.get(
                name, registry.Implementation(fake_build(name), fake_validate if spec.validated else None)
            )
            stack.enter_context(registry.override(name, impl))
        yield
