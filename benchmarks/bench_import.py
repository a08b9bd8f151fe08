"""Benchmark: govtasks.import_breakdown against a bare python-calamine read.

Informational only: prints a table and exits 0 (exit 1 only when the synthetic
breakdown does not import as exactly the expected number of tasks).

    python benchmarks/bench_import.py [--rounds 7] [--tasks 5000]
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import platform
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

import python_calamine as pc
import xlsxwriter

import govtasks

REAL = Path(__file__).resolve().parent.parent / "examples" / "data" / "芜湖市2024年度市政府重点工作任务分解.xlsx"
TARGET = 3.0
MIN_SECONDS = 1.0  # at least this much timing per case
CN_DIGITS = "一二三四五六七八九"
UNITS = ("市发改委", "市经信局", "市科技局", "市商务局", "市财政局", "市人社局", "市自规局", "市住建局", "市交通运输局",
         "市农业农村局", "市水务局", "市文旅局", "市卫健委", "市教育局", "市民政局", "市生态环境局", "市市场监管局",
         "市数据资源局", "市应急局", "市城管局", "市国资委", "市金融局", "市产创中心", "市公安局", "市司法局",
         "市医保局", "市退役军人局", "市信访局", "市政府办", "市政府督查办", "市城运中心", "经开区政府", "人行芜湖分行")
GROUP = "各县市区政府、\n开发区管委会"
VERBS = ("加快推进", "持续深化", "全面落实", "大力实施", "着力提升", "统筹推进", "积极培育", "扎实开展", "健全完善", "稳步扩大")
OBJECTS = ("新型工业化", "首位产业集群建设", "数字经济核心产业", "城市更新行动", "高标准农田建设", "营商环境优化提升",
           "科技成果转化", "长三角一体化发展", "县域经济高质量发展", "重点项目招引", "公共服务均等化", "生态环境保护",
           "现代物流体系", "农村人居环境整治", "政务服务一网通办", "安全生产专项整治", "消费市场提质扩容")
GOALS = ("确保全年完成目标任务", "力争新增规上企业100户以上", "实现投资增长10%左右", "打造一批示范标杆",
         "形成可复制可推广的经验", "年内建成投用", "服务保障能力明显增强", "群众满意度进一步提高")


def cn_number(n: int) -> str:
    """1..99 as Chinese numerals (十一, 二十三)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens - 1] + "十")
    return head + (CN_DIGITS[ones - 1] if ones else "")


def task_text(rng: random.Random) -> str:
    """Chinese task text of 30–120 characters, cut at a clause boundary."""
    limit, text, i = rng.randint(30, 120), "", 0
    while True:
        clause = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}" if i % 2 == 0 else rng.choice(GOALS)
        longer = f"{text}，{clause}" if text else clause
        if len(longer) + 1 > limit and len(text) + 1 >= 30:
            return text + "。"
        text, i = longer, i + 1


def lead_cell(rng: random.Random) -> str:
    return "\n".join(rng.sample(UNITS, rng.choice((1, 1, 1, 2, 2, 3, 4))))


def coop_cell(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.6:
        return ""
    if roll < 0.85:
        return GROUP
    return "\n".join(rng.sample(UNITS, rng.randint(1, 2)) + ([GROUP] if roll > 0.95 else []))


def write_synthetic(path: Path, n_tasks: int, seed: int = 2024) -> None:
    """A breakdown in the real layout: title, header, 一、/（一） sections, numbered topic rows, tasks 1..n."""
    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("任务分解")
    wrap = wb.add_format({"text_wrap": True, "valign": "vcenter", "border": 1})
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 3, 18)
    ws.merge_range(0, 0, 0, 3, "2025年度市政府重点工作任务分解", wrap)
    ws.write_row(1, 0, ("序号", "目标与任务", "牵头责任单位", "责任单位"), wrap)
    row, task, section, sub, topic = 2, 0, 0, 0, 0
    while task < n_tasks:
        if task % 1000 == 0:
            section, sub = section + 1, 0
            ws.merge_range(row, 0, row, 3, f"{cn_number(section)}、{rng.choice(OBJECTS)}", wrap)
            row += 1
        if task % 100 == 0:
            sub, topic = sub + 1, 0
            ws.merge_range(row, 0, row, 3, f"（{cn_number(sub)}）{rng.choice(VERBS)}{rng.choice(OBJECTS)}。", wrap)
            row += 1
        topic += 1
        ws.write_number(row, 0, topic, wrap)
        ws.merge_range(row, 1, row, 3, f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}。", wrap)
        row += 1
        for _ in range(min(rng.randint(4, 12), n_tasks - task, 100 - task % 100)):
            task += 1
            ws.write_row(row, 0, (task, task_text(rng), lead_cell(rng), coop_cell(rng)), wrap)
            row += 1
    wb.close()


def bare_read(path: Path) -> None:
    """The floor: calamine values and merges of every sheet."""
    wb = pc.CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        sheet.to_python(skip_empty_area=False)
        _ = sheet.merged_cell_ranges
    wb.close()


def clear_caches() -> None:
    """Forget the parsers' memoised results (untimed, before each import), so every round is as
    cold as a fresh CLI run."""
    from govtasks._perf import clear_memos

    clear_memos()


def timed(fn: Callable[[], object], before: Callable[[], object] = lambda: None) -> float:
    """Seconds ``fn()`` takes; ``before()`` and a garbage collection run first, untimed."""
    before()
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(path: Path, rounds: int) -> tuple[float, float, float]:
    """Median baseline s, median import s, median of per-round ratios (order alternates per round)."""
    base_fn: Callable[[], object] = lambda: bare_read(path)
    imp_fn: Callable[[], object] = lambda: govtasks.import_breakdown(path)
    base_fn()  # warm-up: lazy imports, file cache
    once = timed(imp_fn, clear_caches) + timed(base_fn)
    rounds = max(rounds, int(MIN_SECONDS / once))  # a small case gets more rounds: its median is steadier
    bases: list[float] = []
    imps: list[float] = []
    for i in range(rounds):
        if i % 2 == 0:
            bases.append(timed(base_fn))
            imps.append(timed(imp_fn, clear_caches))
        else:
            imps.append(timed(imp_fn, clear_caches))
            bases.append(timed(base_fn))
    ratios = [m / b for m, b in zip(imps, bases)]
    return statistics.median(bases), statistics.median(imps), statistics.median(ratios)


def peak_mib(path: Path) -> float:
    """Peak Python-heap allocation of one import (tracemalloc; calamine's Rust heap is not counted)."""
    gc.collect()
    tracemalloc.start()
    govtasks.import_breakdown(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def report(rows: list[tuple[str, int, float, float, float, float]]) -> None:
    head = f"{'case':<14}{'tasks':>6}{'base ms':>10}{'import ms':>11}{'ratio':>8}{'target':>8}{'status':>7}{'µs/task':>9}{'peak MiB':>10}"
    print(head)
    print("-" * len(head))
    for case, n, base, imp, ratio, mib in rows:
        status = "OK" if ratio <= TARGET else "OVER"
        print(f"{case:<14}{n:>6}{base * 1e3:>10.2f}{imp * 1e3:>11.2f}{ratio:>7.2f}×{'≤3×':>8}{status:>7}"
              f"{imp / n * 1e6:>9.1f}{mib:>10.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="timing rounds per case, at least (default 7; a small case runs more, to fill 1 s)")
    parser.add_argument("--tasks", type=int, default=5000, help="tasks in the synthetic breakdown (default 5000)")
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, python-calamine {importlib.metadata.version('python-calamine')}, "
          f"govtasks {govtasks.__version__}, at least {args.rounds} rounds per case")
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / f"synthetic_{args.tasks}.xlsx"
        write_synthetic(synthetic, args.tasks)
        got = len(govtasks.import_breakdown(synthetic).tasks)
        if got != args.tasks:
            print(f"error: synthetic breakdown imported as {got} tasks, expected {args.tasks}", file=sys.stderr)
            return 1
        rows: list[tuple[str, int, float, float, float, float]] = []
        for case, path in (("A real", REAL), ("B synthetic", synthetic)):
            n = len(govtasks.import_breakdown(path).tasks)
            base, imp, ratio = measure(path, args.rounds)
            rows.append((case, n, base, imp, ratio, peak_mib(path)))
            print(f"  {case}: {path.name}, {path.stat().st_size / 1024:.0f} KB")
        report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
