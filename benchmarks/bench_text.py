"""Benchmark: govtasks' text importer against just reading the file.

Informational only: prints a table and exits 0 (exit 1 only when the synthetic
notice does not import as exactly the expected number of tasks).

    python benchmarks/bench_text.py [--rounds 7] [--tasks 10000]

Input: the bundled notice ``examples/data/广丰区2021年区政府工作报告重点工作责任分工.txt``
(seed 003, 101 tasks), its task list repeated and renumbered 1..N after the one
preamble, written as UTF-8 into a temp dir. Method as in bench_import.py: one
untimed warm-up; each round times ``Path.read_text`` (the floor) and
``import_text`` back to back with ``time.perf_counter``, alternating the order,
``gc.collect()`` before each timing. Times are medians; the ratio is the median
of the per-round ratios. "parse" is (import - read) per task; target ≤ 20 µs.
"""

from __future__ import annotations

import argparse
import gc
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from govtasks.breakdown.text import import_text

NOTICE = Path(__file__).resolve().parent.parent / "examples" / "data" / "广丰区2021年区政府工作报告重点工作责任分工.txt"
LIST_TITLE = "2021年区政府工作报告所列重点工作责任分工"
TARGET_US = 20.0
_NUMBER = re.compile(r"^(\d+)\.")


def synthetic(n_tasks: int) -> str:
    """The notice with its task list repeated until it holds exactly ``n_tasks`` tasks, renumbered."""
    text = NOTICE.read_text(encoding="utf-8")
    cut = text.index(f"\n{LIST_TITLE}\n") + 1  # the list's title line, not the preamble's mention
    head, body = text[:cut], text[cut:].split("\n")
    block = body[body.index(next(line for line in body if line.startswith("一、"))):]
    out, n = [*body[: body.index(block[0])]], 0
    while n < n_tasks:
        for line in block:
            if _NUMBER.match(line):
                if n == n_tasks:
                    break
                n += 1
                line = _NUMBER.sub(f"{n}.", line)
            out.append(line)
        else:
            continue
        break
    return head + "\n".join(out).rstrip("\n") + "\n"


def _timed(fn: object) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def run(path: Path, n_tasks: int, rounds: int) -> int:
    count = len(import_text(path).tasks)  # also the warm-up
    if count != n_tasks:
        print(f"synthetic notice imported as {count} tasks, expected {n_tasks}")
        return 1
    path.read_text(encoding="utf-8")
    reads, imports, ratios = [], [], []
    for r in range(rounds):
        if r % 2:
            t_import = _timed(lambda: import_text(path))
            t_read = _timed(lambda: path.read_text(encoding="utf-8"))
        else:
            t_read = _timed(lambda: path.read_text(encoding="utf-8"))
            t_import = _timed(lambda: import_text(path))
        reads.append(t_read)
        imports.append(t_import)
        ratios.append(t_import / t_read)
    read, imp = statistics.median(reads), statistics.median(imports)
    parse_us = (imp - read) / n_tasks * 1e6
    print(f"python {platform.python_version()} on {platform.machine()}, {rounds} rounds, "
          f"{n_tasks} tasks, {path.stat().st_size / 1e6:.2f} MB")
    print(f"{'read_text':>12} {read * 1e3:9.2f} ms")
    print(f"{'import_text':>12} {imp * 1e3:9.2f} ms   ratio {statistics.median(ratios):.0f}x "
          f"(min {min(ratios):.0f}x, max {max(ratios):.0f}x)")
    print(f"{'parse':>12} {parse_us:9.2f} µs/task   target ≤ {TARGET_US:.0f}  "
          f"{'OK' if parse_us <= TARGET_US else 'OVER'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--tasks", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "广丰区重点工作责任分工_synthetic.txt"
        path.write_text(synthetic(args.tasks), encoding="utf-8", newline="\n")
        return run(path, args.tasks, args.rounds)


if __name__ == "__main__":
    sys.exit(main())
