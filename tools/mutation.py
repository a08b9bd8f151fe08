"""Mutation testing of the pure core with mutmut 3 (tools/README.md, "Mutation testing").

    python tools/mutation.py            # mutmut run (config: [tool.mutmut] in pyproject.toml), then the score
    python tools/mutation.py --score    # the score of the last run only
    python tools/mutation.py 'govtasks.breakdown.deadlines*'   # only these mutants, then the score

Prints killed / total per module and overall (a mutant that timed out counts as killed,
as mutmut counts it; 'no tests' counts as not killed).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def score() -> int:
    out = subprocess.run(["mutmut", "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if "__mutmut_" in name:
            counts[name.split(".x", 1)[0]][status] += 1
    total: Counter[str] = Counter()
    for module in sorted(counts):
        c = counts[module]
        total.update(c)
        _line(module, c)
    _line("overall", total)
    return 0


def _line(label: str, c: Counter[str]) -> None:
    n = sum(c.values())
    killed = c["killed"] + c["timeout"]
    rest = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k not in ("killed", "timeout"))
    print(f"{label:32} {killed:5}/{n:<5} {100 * killed / n if n else 0:5.1f} %  ({rest})")


def main(argv: list[str]) -> int:
    if argv[:1] != ["--score"]:
        subprocess.run(["mutmut", "run", *argv], cwd=ROOT, check=False)
    return score()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
