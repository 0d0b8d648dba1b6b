"""Print p50/p95/p99 per page from locust's CSV and check the goals (p95 < 150 ms)."""

import csv
import sys

GOAL_PAGES = {"child's page", "my work (caseload)", "search"}
GOAL_MS = 150


def main(path: str) -> int:
    rows = list(csv.DictReader(open(path)))  # noqa: SIM115
    print(f"{'Page':28} {'requests':>9} {'failures':>9} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}  goal")
    missed = []
    for row in rows:
        name = row["Name"]
        p95 = float(row["95%"] or 0)
        goal = ""
        if name in GOAL_PAGES:
            goal = "ok" if p95 < GOAL_MS else f"MISSED (p95 >= {GOAL_MS} ms)"
            if p95 >= GOAL_MS:
                missed.append(name)
        print(
            f"{name:28} {row['Request Count']:>9} {row['Failure Count']:>9} {row['50%']:>7} {row['95%']:>7} "
            f"{row['99%']:>7}  {goal}"
        )
    failures = sum(int(r["Failure Count"]) for r in rows if r["Name"] == "Aggregated")
    print(f"Failures: {failures}. Pages missing the p95 goal: {', '.join(missed) or 'none'}.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
