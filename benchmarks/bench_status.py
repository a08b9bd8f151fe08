"""Benchmark: what statuses, history and the 通报 add to the returns job of bench_merge.py.

Informational only: prints a table and exits 0 (exit 1 when a check fails).

    python benchmarks/bench_status.py [--rounds 5] [--units 1500] [--tasks 5000]

Case B of bench_merge.py (1,500 returns of ~30 rows against a 5,000-task breakdown, written
with XlsxWriter in the form's layout), plus an earlier report: the same answers as period
2024Q1, one in ten of them the same text as in Q2 (so the copy check has work), merged and
written by govtasks before timing.

Per round, two jobs run back to back (order alternating):

  plain   read_returns(folder) + the merge without the assessment + write_report of that report
          (no statuses, no 统计 / 亮灯情况 / 历次进展 / 亮灯规则): the job as bench_merge timed it.
  full    read_returns(folder) + read_history(earlier report) + merge(previous=history) (statuses,
          lights, changes, copy check, hints) + write_report (every sheet) + write_bulletin (.docx).

The ratio is the median of the per-round ratios full ÷ plain (target ≤ 1.20); the parts of the
difference are timed once each after the rounds.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from bench_merge import build_synthetic, progress_text

import govtasks as gt
from govtasks.report.merge import _merge


def earlier_report(bd: gt.Breakdown, written: dict[tuple[str, str], str], out: Path) -> Path:
    """The 2024Q1 report: the same answers, nine in ten with a new text."""
    rng = random.Random(7)
    entries = []
    for (unit, tid), text in written.items():
        old = text if rng.random() < 0.1 else progress_text(rng, unit, tid)
        role = "牵头" if unit in bd.task(tid).lead else "配合"
        entries.append(gt.Progress(task_id=tid, unit=unit, role=role, status="序时推进", progress=old,
                                   source=gt.CellRef(file=f"{unit}.xlsx", sheet="进展情况表", row=5, column="I")))
    report = gt.merge(bd, gt.Returns(entries=tuple(entries), period="2024Q1"))
    return gt.write_report(report, out)


def plain(bd: gt.Breakdown, folder: Path, out: Path) -> gt.Report:
    report = _merge(bd, gt.read_returns(folder, bd, period="2024Q2"), None, False)
    gt.write_report(report, out)
    return report


def full(bd: gt.Breakdown, folder: Path, earlier: Path, out: Path) -> gt.Report:
    with ThreadPoolExecutor(1) as pool:  # as the CLI does: the earlier report is parsed while the returns are read
        history = pool.submit(gt.read_history, earlier)
        returns = gt.read_returns(folder, bd, period="2024Q2")
        report = gt.merge(bd, returns, previous=history.result())
    gt.write_report(report, out)
    gt.write_bulletin(report, out.with_suffix(".docx"))
    return report


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def parts(bd: gt.Breakdown, folder: Path, earlier: Path, tmp: Path) -> dict[str, float]:
    """The added work, each part timed once on its own."""
    from govtasks.report.assess import assess

    returns = gt.read_returns(folder, bd, period="2024Q2")
    bare = _merge(bd, returns, None, False)
    out: dict[str, float] = {}
    history: list[gt.History] = []
    out["read_history"] = timed(lambda: history.append(gt.read_history(earlier)))
    assessed: list[gt.Report] = []
    out["assess (statuses, changes, hints)"] = timed(lambda: assessed.append(assess(bare, bd, history=history[0])))
    base = timed(lambda: gt.write_report(bare, tmp / "p1.xlsx"))
    out["write_report: the new sheets"] = timed(lambda: gt.write_report(assessed[0], tmp / "p2.xlsx")) - base
    out["write_bulletin"] = timed(lambda: gt.write_bulletin(assessed[0], tmp / "p.docx"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--units", type=int, default=1500)
    parser.add_argument("--tasks", type=int, default=5000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        bd, written = build_synthetic(tmp / "B", args.units, args.tasks)
        earlier = earlier_report(bd, written, tmp / "2024Q1汇总表.xlsx")
        folder = tmp / "B" / "returns"
        report = full(bd, folder, earlier, tmp / "full.xlsx")  # warm-up and checks
        copied = len(report.issues.by_code("copied-text"))
        if len(report.assessment.tasks) != len(bd.tasks) or not copied or not report.assessment.changes:
            print("error: the full job did not assess every task or found no copied text", file=sys.stderr)
            return 1
        plain(bd, folder, tmp / "plain.xlsx")
        times: dict[str, list[float]] = {"plain": [], "full": []}
        jobs = {"plain": lambda: plain(bd, folder, tmp / "plain.xlsx"),
                "full": lambda: full(bd, folder, earlier, tmp / "full.xlsx")}
        for i in range(args.rounds):
            for name in (("plain", "full") if i % 2 == 0 else ("full", "plain")):
                times[name].append(timed(jobs[name]))
        ratio = statistics.median(f / p for f, p in zip(times["full"], times["plain"]))
        added = parts(bd, folder, earlier, tmp)
    med = statistics.median
    print(f"{len(bd.tasks)} tasks, {len(bd.units)} returns, {args.rounds} rounds; {copied} copied texts flagged")
    print(f"plain {med(times['plain']):.2f} s   full {med(times['full']):.2f} s   full ÷ plain {ratio:.3f}  (target ≤ 1.20)")
    for name, seconds in added.items():
        print(f"  {name:<36}{seconds * 1000:>8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
