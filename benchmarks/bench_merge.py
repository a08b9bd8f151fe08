"""Benchmark: read_returns + merge + write_report against the floor and a naive pandas/openpyxl merge.

Informational only: prints a table and exits 0 (exit 1 only when the merged report
does not hold every answer written into the returns).

    python benchmarks/bench_merge.py [--rounds 5] [--naive-rounds 3] [--units 1500] [--tasks 5000]

Cases
  A real       seed 001 (芜湖 2024, 220 tasks): write_forms for all 80 units, each form
               filled with openpyxl (as a clerk's Excel would save it).
  B synthetic  1,500 returns of ~30 rows each (written with XlsxWriter in the form's
               layout, _meta included) against a 5,000-task breakdown → 5,000-row report.

Per round, three jobs run back to back (order rotated):
  govtasks  read_returns(folder) + merge + write_report (everything: identification,
            matching, issues, the five report sheets with formats, merges and row heights).
  floor     python-calamine parse of the same files (every sheet, values + merges) +
            XlsxWriter write of the same report cells (write_string only, no formats).
  naive     pandas.read_excel(engine="openpyxl") of every file, answers joined by the
            任务编号 column, + the same report cells written with openpyxl.
Ratios are medians of the per-round ratios; "read naive÷" compares the reading phases
alone (read_returns vs the pandas loop). Peak memory: tracemalloc peak of one govtasks
run (Python heap) and the peak RSS (VmHWM) of a fresh process doing one run.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

import python_calamine as pc
import xlsxwriter
from bench_import import bare_read

import govtasks as gt
from govtasks.breakdown.standard import fingerprint
from govtasks.periods import Period

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "examples" / "data" / "芜湖市2024年度市政府重点工作任务分解.xlsx"
PERIOD = "2024Q2"
MIN_SECONDS = 5.0  # at least this much of govtasks + floor timing per case
HEADER = ("任务编号", "序号", "任务内容", "完成时限", "牵头单位", "责任单位", "本单位职责", "完成状态", "进展情况", "存在问题",
          "下步计划", "备注")
PHRASES = ("已召开专题会议研究部署", "完成年度目标任务的52%", "项目主体工程已封顶", "累计完成投资3.2亿元", "正在开展竣工验收",
           "组织企业申报省级专项资金", "新增规上企业12户", "开展督导检查6次", "完成招拍挂", "建立工作专班", "按序时推进")


def progress_text(rng: random.Random, unit: str, task_id: str) -> str:
    body = "；".join(rng.choice(PHRASES) for _ in range(rng.randint(3, 9)))
    return f"{unit}{task_id}：{body}。"


# --- case A: the real forms, filled with openpyxl -------------------------------------------

def build_real(folder: Path) -> tuple[gt.Breakdown, dict[tuple[str, str], str]]:
    sys.path.insert(0, str(ROOT / "tests"))
    import returns_helpers as rh

    bd = gt.import_breakdown(REAL)
    rng = random.Random(1)
    written: dict[tuple[str, str], str] = {}
    (folder / "returns").mkdir()
    for form in gt.write_forms(bd, folder / "forms", period=PERIOD):
        unit = rh.form_meta(form)["单位"]
        answers = {}
        for t in bd.for_unit(unit):
            text = progress_text(rng, unit, t.id)
            answers[t.id] = {"progress": text, "status": "序时推进"}
            written[(unit, t.id)] = text
        rh.fill_form(form, answers, out=folder / "returns" / form.name)
    return bd, written


# --- case B: synthetic breakdown and 1,500 returns ---------------------------------------------

def synthetic_breakdown(n_units: int, n_tasks: int, rng: random.Random) -> gt.Breakdown:
    units = [f"第{i + 1:04d}责任单位" for i in range(n_units)]
    tasks = []
    for i in range(n_tasks):
        coop = tuple(sorted(rng.sample(units, 8)))
        lead = (units[i % n_units],)
        path = (f"第{i // 1000 + 1}部分", f"（{i // 100 % 10 + 1}）专题{i // 100 + 1}")
        text = "，".join(rng.choice(PHRASES) for _ in range(rng.randint(2, 6))) + f"（第{i + 1}项）"
        tasks.append(gt.Task(id=f"T{i + 1:04d}", number=str(i + 1), path=path, text=text, lead=lead,
                             coop=tuple(u for u in coop if u not in lead)))
    return gt.Breakdown(title="某市2024年度重点工作任务分解", issuer="某市人民政府", year=2024, tasks=tuple(tasks))


def write_return(path: Path, bd: gt.Breakdown, unit: str, rng: random.Random,
                 written: dict[tuple[str, str], str], fp: str) -> None:
    """A filled return in the form's layout (title, header at row 4, hidden ID column, _meta)."""
    per = Period.parse(PERIOD)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("进展情况表")
    ws.set_column(0, 0, 10, None, {"hidden": True})
    ws.merge_range(0, 1, 0, 11, f"{unit}{per.label}重点工作进展情况表")
    ws.merge_range(2, 1, 2, 11, f"填报单位：{unit}　　报告期：{per.label}")
    ws.write_row(3, 0, HEADER)
    for r, t in enumerate(bd.for_unit(unit), start=4):
        text = progress_text(rng, unit, t.id)
        written[(unit, t.id)] = text
        ws.write_row(r, 0, (t.id, t.number, t.text, "", "、".join(t.lead), "、".join(t.coop), t.role_of(unit),
                            "序时推进", text))
    meta = wb.add_worksheet("_meta")
    for r, pair in enumerate((("表单类型", "govtasks重点工作进展情况表"), ("单位", unit), ("期间", PERIOD),
                              ("分解表指纹", fp), ("数据表", "进展情况表"), ("表头行", "4"))):
        meta.write_row(r, 0, pair)
    meta.hide()
    wb.close()


def build_synthetic(folder: Path, n_units: int, n_tasks: int) -> tuple[gt.Breakdown, dict[tuple[str, str], str]]:
    rng = random.Random(2024)
    bd = synthetic_breakdown(n_units, n_tasks, rng)
    fp = fingerprint(bd)
    written: dict[tuple[str, str], str] = {}
    (folder / "returns").mkdir(parents=True)
    for unit in bd.units:
        write_return(folder / "returns" / f"{unit}.xlsx", bd, unit, rng, written, fp)
    return bd, written


# --- the three jobs ---------------------------------------------------------------------------

def run_govtasks(bd: gt.Breakdown, folder: Path, out: Path) -> tuple[gt.Report, float]:
    """The report; and the seconds read_returns took."""
    start = time.perf_counter()
    returns = gt.read_returns(folder, bd, period=PERIOD)
    read = time.perf_counter() - start
    report = gt.merge(bd, returns)
    gt.write_report(report, out)
    return report, read


def report_cells(path: Path) -> list[tuple[str, list[list[str]]]]:
    """The cells of a written report, per sheet (what the floor writes again)."""
    wb = pc.CalamineWorkbook.from_path(str(path))
    cells = [(name, [[str(v) for v in row] for row in wb.get_sheet_by_name(name).to_python()]) for name in wb.sheet_names]
    wb.close()
    return cells


def run_floor(files: list[Path], cells: list[tuple[str, list[list[str]]]], out: Path) -> None:
    for f in files:
        bare_read(f)  # the same floor read as bench_import.py
    book = xlsxwriter.Workbook(str(out), {"strings_to_formulas": False, "strings_to_urls": False})
    for name, rows in cells:
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value:
                    ws.write_string(r, c, value)
    book.close()


def run_naive(files: list[Path], cells: list[tuple[str, list[list[str]]]], out: Path) -> float:
    """The same job without govtasks: pandas.read_excel(openpyxl) of every file, answers joined by the
    任务编号 column, and the same report cells written with openpyxl. Returns the reading seconds."""
    import openpyxl
    import pandas as pd

    start = time.perf_counter()
    answers: dict[str, list[tuple[str, str]]] = {}
    for f in files:
        df = pd.read_excel(f, sheet_name="进展情况表", header=None, dtype=str, engine="openpyxl").fillna("")
        head = next(i for i in range(len(df)) if "任务编号" in set(df.iloc[i]))
        df.columns = list(df.iloc[head])
        for _, row in df.iloc[head + 1:].iterrows():
            if row["任务编号"] and row["进展情况"]:
                answers.setdefault(row["任务编号"], []).append((row["本单位职责"], row["进展情况"]))
    read = time.perf_counter() - start
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in cells:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(out)
    return read


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def check(report: gt.Report, written: dict[tuple[str, str], str]) -> bool:
    """Every written answer is in the report: lead text in 进展情况, cooperating text in 配合单位反馈."""
    main = {r.task_id: r.progress for r in report.tasks}
    coop = {(p.unit, p.task_id): p.progress for p in report.coop}
    return all(text in main[tid] if (unit, tid) not in coop else coop[(unit, tid)] == text
               for (unit, tid), text in written.items())


def measure(bd: gt.Breakdown, folder: Path, tmp: Path, rounds: int, naive_rounds: int) -> dict[str, float]:
    files = sorted(f for f in (folder / "returns").iterdir() if f.suffix == ".xlsx")
    run_govtasks(bd, folder / "returns", tmp / "ours.xlsx")  # warm-up (imports, file cache)
    cells = report_cells(tmp / "ours.xlsx")
    reads: dict[str, list[float]] = {"ours": [], "naive": []}
    jobs: dict[str, Callable[[], object]] = {
        "ours": lambda: reads["ours"].append(run_govtasks(bd, folder / "returns", tmp / "ours.xlsx")[1]),
        "floor": lambda: run_floor(files, cells, tmp / "floor.xlsx"),
        "naive": lambda: reads["naive"].append(run_naive(files, cells, tmp / "naive.xlsx")),
    }
    once = timed(jobs["floor"]) + timed(jobs["ours"])
    reads["ours"].clear()
    rounds = max(rounds, int(MIN_SECONDS / once))  # a small case gets more rounds: its median is steadier
    times: dict[str, list[float]] = {"ours": [], "floor": [], "naive": []}
    for i in range(rounds):
        # the naive job too in the first rounds: at least naive_rounds, and as many more as fill
        # MIN_SECONDS of it (a small case's ratio is then a median of more than three)
        naive = i < naive_rounds or (sum(times["naive"]) < MIN_SECONDS and len(times["naive"]) == i)
        names = ["ours", "floor"] + (["naive"] if naive else [])
        for name in names[i % len(names):] + names[: i % len(names)]:
            times[name].append(timed(jobs[name]))
    n = len(times["naive"])
    med = statistics.median
    return {"files": len(files), "ours": med(times["ours"]), "floor": med(times["floor"]), "naive": med(times["naive"]),
            "vs_floor": med(o / f for o, f in zip(times["ours"], times["floor"])),
            "vs_naive": med(nv / o for o, nv in zip(times["ours"][:n], times["naive"])),
            "read_vs_naive": med(nv / o for o, nv in zip(reads["ours"][:n], reads["naive"]))}


def peak_memory(bd: gt.Breakdown, folder: Path, tmp: Path) -> tuple[float, float]:
    """(tracemalloc peak MiB of one run, max RSS MiB of a fresh process doing one run)."""
    gc.collect()
    tracemalloc.start()
    run_govtasks(bd, folder / "returns", tmp / "mem.xlsx")
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    std = gt.write_breakdown(bd, tmp / "bd.xlsx")
    # VmHWM (peak RSS of this process image); ru_maxrss is not reset by exec on Linux and would
    # report the parent's peak.
    code = ("import govtasks as gt, sys; bd = gt.read_breakdown(sys.argv[1]); "
            "gt.write_report(gt.merge(bd, gt.read_returns(sys.argv[2], bd, period='2024Q2')), sys.argv[3]); "
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    out = subprocess.run([sys.executable, "-c", code, str(std), str(folder / "returns"), str(tmp / "rss.xlsx")],
                         capture_output=True, text=True, check=True).stdout
    return peak, int(out.split()[-1]) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds, at least (default 5; a small case runs more, to fill 5 s)")
    parser.add_argument("--naive-rounds", type=int, default=3,
                        help="rounds that also run the naive job, at least (default 3; more while they take < 5 s)")
    parser.add_argument("--units", type=int, default=1500, help="synthetic returns (default 1500)")
    parser.add_argument("--tasks", type=int, default=5000, help="synthetic tasks (default 5000)")
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, python-calamine {importlib.metadata.version('python-calamine')}, "
          f"XlsxWriter {importlib.metadata.version('xlsxwriter')}, pandas {importlib.metadata.version('pandas')}, "
          f"openpyxl {importlib.metadata.version('openpyxl')}, {os.cpu_count()} CPUs, at least {args.rounds} rounds")
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for case, build in (("A real (芜湖)", lambda d: build_real(d)),
                            ("B synthetic", lambda d: build_synthetic(d, args.units, args.tasks))):
            folder = tmp / case.split()[0]
            folder.mkdir()
            bd, written = build(folder)
            report, _ = run_govtasks(bd, folder / "returns", tmp / "check.xlsx")
            if not check(report, written):
                print(f"error: {case}: the report does not hold every answer", file=sys.stderr)
                return 1
            result = measure(bd, folder, tmp, args.rounds, args.naive_rounds)
            result["rows"] = len(report.rows)
            result["peak"], result["rss"] = peak_memory(bd, folder, tmp)
            rows.append((case, result))
    print_table(rows)
    return 0


def print_table(rows: list[tuple[str, dict[str, float]]]) -> None:
    head = (f"{'case':<15}{'files':>6}{'rows':>6}{'govtasks s':>11}{'floor s':>9}{'naive s':>9}{'÷floor':>8}"
            f"{'naive÷':>8}{'read naive÷':>12}{'peak MiB':>9}{'RSS MiB':>9}")
    print(head)
    print("-" * len(head))
    for case, r in rows:
        print(f"{case:<15}{r['files']:>6.0f}{r['rows']:>6.0f}{r['ours']:>11.2f}{r['floor']:>9.2f}{r['naive']:>9.2f}"
              f"{r['vs_floor']:>7.2f}×{r['vs_naive']:>7.1f}×{r['read_vs_naive']:>11.1f}×{r['peak']:>9.1f}{r['rss']:>9.1f}")
    print("targets: ÷floor ≤ 1.5×, naive÷govtasks ≥ 10×  (read naive÷: read_returns vs the pandas/openpyxl reading alone)")


if __name__ == "__main__":
    sys.exit(main())
