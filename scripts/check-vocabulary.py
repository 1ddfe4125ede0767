#!/usr/bin/env python3
"""One spelling per state (docs/glossary.md): a record's states and a run's outcomes are written out only in
RecordState and RunOutcome (and in the migrations, which are history); everywhere else in the worker's code (C#, SQL
text, Razor) names them through those types. Prints each string literal that spells one out elsewhere and exits 1,
else a one-line summary.

A literal that is another vocabulary's word that happens to match (Hangfire's "failed", the alerts outbox's
"pending") says so with a trailing `// vocabulary: <whose>` comment; an Npgsql parameter's name is not a state."""
import re
import subprocess
import sys
from pathlib import Path

HOMES = {Path("src/ContactSync.Core/Ledger/RecordState.cs"), Path("src/ContactSync.Core/Runs/RunOutcome.cs")}
MIGRATIONS = Path("src/ContactSync.Core/Postgres/Migrations")
ROOTS = ("src/ContactSync.Core", "src/ContactSync.Worker")

RECORD_STATES = ["pending", "in_flight", "synced", "rejected", "failed", "superseded", "conflict", "removed", "gone",
                 "unverified", "held", "unkeyed"]
RUN_OUTCOMES = ["running", "succeeded", "completed_with_errors", "skipped", "aborted", "budget_exhausted", "held",
                "lease_lost", "lock_lost", "dry_run"]
WORDS = "|".join(sorted(set(RECORD_STATES + RUN_OUTCOMES)))
LITERAL = re.compile(r"""(?P<quote>['"])(?P<word>%s)(?P=quote)""" % WORDS)
PARAMETER_NAME = re.compile(r"""(AddWithValue\(|NpgsqlParameter\()"(%s)",""" % WORDS)


def tracked(pattern):
    out = subprocess.run(["git", "ls-files", pattern], capture_output=True, text=True, check=True).stdout
    return [Path(line) for line in out.splitlines() if line]


def main():
    problems = []
    files = [p for root in ROOTS for ext in ("cs", "razor") for p in tracked(f"{root}/*.{ext}") if p.exists()]
    for path in files:
        if path in HOMES or MIGRATIONS in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith(("//", "*", "@*")) or "// vocabulary:" in line:
                continue
            code = PARAMETER_NAME.sub("", line)
            for match in LITERAL.finditer(code):
                problems.append(f"{path}:{number}: {match.group(0)} (name it through RecordState or RunOutcome)")

    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} state name(s) spelled out outside RecordState and RunOutcome", file=sys.stderr)
        return 1
    print(f"vocabulary: {len(files)} files, every record state and run outcome named through RecordState or RunOutcome")
    return 0


if __name__ == "__main__":
    sys.exit(main())
