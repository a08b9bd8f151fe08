"""Benchmark: govtasks.write_forms against a bare XlsxWriter write of the same cells.

Informational only: prints a table and exits 0 (exit 1 only when the forms do
not hold the cells the baseline expects).

    python benchmarks/bench_forms.py [--rounds 5] [--tasks 5000] [--units 1500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.metadata
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import python_calamine as pc
import xlsxwriter

import govtasks
from govtasks.model import Breakdown, Deadline, Task

REAL = Path(__file__).resolve().parent.parent / "examples" / "data" / "芜湖市2024年度市政府重点工作任务分解.xlsx"
TARGET = 1.5
GENERATED = dt.datetime(2024, 6, 20, 9, 0, 0)
PLACES = ("鸠江区", "镜湖区", "弋江区", "湾沚区", "繁昌区", "南陵县", "无为市", "经开区", "高新区", "三山经开区",
          "江北新区", "峨山镇", "孙村镇", "荻港镇", "新港镇")
OFFICES = ("发改委", "经信局", "科技局", "商务局", "财政局", "人社局", "自规局", "住建局", "交通运输局", "农业农村局",
           "水务局", "文旅局", "卫健委", "教育局", "民政局", "生态环境局", "市场监管局", "数据资源局", "应急局", "城管局")
VERBS = ("加快推进", "持续深化", "全面落实", "大力实施", "着力提升", "统筹推进", "积极培育", "扎实开展", "健全完善", "稳步扩大")
OBJECTS = ("新型工业化", "首位产业集群建设", "数字经济核心产业", "城市更新行动", "高标准农田建设", "营商环境优化提升",
           "科技成果转化", "长三角一体化发展", "县域经济高质量发展", "重点项目招引", "公共服务均等化", "生态环境保护")
GOALS = ("确保全年完成目标任务", "力争新增规上企业100户以上", "实现投资增长10%左右", "打造一批示范标杆",
         "形成可复制可推广的经验", "年内建成投用", "服务保障能力明显增强", "群众满意度进一步提高")


def unit_names(n: int) -> list[str]:
    """n distinct unit names: place × office, then numbered offices."""
    names = [p + o for p in PLACES for o in OFFICES]
    names += [f"第{i}专班" for i in range(1, max(0, n - len(names)) + 1)]
    return names[:n]


def task_text(rng: random.Random) -> str:
    """Chinese task text of 30–120 characters."""
    limit, text, i = rng.randint(30, 120), "", 0
    while len(text) < limit:
        text += ("，" if text else "") + (f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}" if i % 2 == 0 else rng.choice(GOALS))
        i += 1
    return text + "。"


def synthetic(n_tasks: int, n_units: int, seed: int = 2024) -> Breakdown:
    """A breakdown of n_tasks under 3-level headings; every task has 1–3 leads and 0–4 cooperating units."""
    rng = random.Random(seed)
    units = unit_names(n_units)
    tasks = []
    for i in range(n_tasks):
        s1, s2, s3 = i // 1000 + 1, i // 100 % 10 + 1, i // 10 % 10 + 1
        path = (f"{s1}、{OBJECTS[s1 % len(OBJECTS)]}", f"（{s2}）{VERBS[s2 % len(VERBS)]}{OBJECTS[s2 % len(OBJECTS)]}",
                f"{s3}.{GOALS[s3 % len(GOALS)]}")
        chosen = rng.sample(units, rng.randint(1, 7))
        lead = tuple(chosen[:rng.randint(1, min(3, len(chosen)))])
        tasks.append(Task(id=f"T{i + 1:05d}", number=str(i + 1), path=path, text=task_text(rng),
                          deadline=Deadline(text=rng.choice(("2025年6月底前", "2025年底", "持续推进", ""))),
                          lead=lead, coop=tuple(u for u in chosen if u not in lead)))
    return Breakdown(title="2025年度重点工作任务分解（合成）", year=2025, tasks=tuple(tasks))


def grids(folder: Path) -> dict[str, list[tuple[str, list[list[object]]]]]:
    """Every form's sheets as written (calamine), for the baseline to write the same cells."""
    out = {}
    for path in sorted(folder.glob("*.xlsx")):
        wb = pc.CalamineWorkbook.from_path(str(path))
        out[path.name] = [(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in wb.sheet_names]
        wb.close()
    return out


def bare_write(cells: dict[str, list[tuple[str, list[list[object]]]]], folder: Path) -> None:
    """The floor: one workbook per form, the same sheets and cell values, no formats or settings."""
    for name, sheets in cells.items():
        wb = xlsxwriter.Workbook(str(folder / name), {"strings_to_formulas": False, "strings_to_urls": False})
        for sheet, rows in sheets:
            ws = wb.add_worksheet(sheet)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value != "":
                        ws.write_string(r, c, str(value))
        wb.close()


# --- the styled floor: the same XlsxWriter calls write_forms makes, replayed without the engine ---------------

Call = tuple[object, str, tuple[object, ...], dict[str, object]]
"""(object: "wb" or a sheet index, method, arguments and keyword arguments with formats as ("fmt", index))."""

_SHEET_METHODS = ("_write_string", "_write_blank", "write_string", "write_blank", "write_number", "write_boolean", "write_datetime", "write_formula",
                  "merge_range", "set_row", "set_column", "set_default_row", "data_validation", "set_landscape",
                  "set_portrait", "set_paper", "fit_to_pages", "set_print_scale", "set_margins", "set_header",
                  "set_footer", "center_horizontally", "center_vertically", "hide_gridlines", "repeat_rows",
                  "repeat_columns", "print_area", "set_zoom", "set_tab_color", "freeze_panes", "autofilter", "protect",
                  "hide", "very_hidden", "activate")


def record(bd: Breakdown, folder: Path) -> list[list[Call]]:
    """Run write_forms once and log, per workbook, every top-level XlsxWriter call it makes."""
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    books: list[list[Call]] = []
    state = {"depth": 0, "formats": {}, "sheets": {}}

    def arg(x: object) -> object:
        return ("fmt", state["formats"][id(x)]) if isinstance(x, Format) else x

    def wrap(cls: type, name: str, target: Callable[[object], str]) -> Callable[..., object]:
        original = getattr(cls, name)

        def logged(self: object, *args: object, **kwargs: object) -> object:
            top = state["depth"] == 0
            if top:
                books[-1].append((target(self), name, tuple(arg(a) for a in args),
                                  {k: arg(v) for k, v in kwargs.items()}))
            state["depth"] += 1
            try:
                result = original(self, *args, **kwargs)
            finally:
                state["depth"] -= 1
            if top and name == "add_format":
                state["formats"][id(result)] = len(state["formats"])
            elif top and name == "add_worksheet":
                state["sheets"][id(result)] = len(state["sheets"])
            return result
        return logged

    originals = {(cls, n): getattr(cls, n) for cls, names in ((Worksheet, _SHEET_METHODS),
                 (Workbook, ("add_worksheet", "add_format", "set_properties", "define_name"))) for n in names}
    init = Workbook.__init__

    def new_book(self: Workbook, *args: object, **kwargs: object) -> None:
        books.append([])
        state["formats"], state["sheets"] = {}, {}
        state["depth"] += 1  # the workbook's own default format is not a call to replay
        try:
            init(self, *args, **kwargs)
        finally:
            state["depth"] -= 1

    try:
        Workbook.__init__ = new_book  # type: ignore[method-assign]
        for (cls, n) in originals:
            setattr(cls, n, wrap(cls, n, lambda obj: "wb" if isinstance(obj, Workbook) else state["sheets"][id(obj)]))
        govtasks.write_forms(bd, folder, period="2024Q2", generated=GENERATED, overwrite=True)
    finally:
        Workbook.__init__ = init  # type: ignore[method-assign]
        for (cls, n), fn in originals.items():
            setattr(cls, n, fn)
    return books


def replay(books: list[list[Call]], names: list[str], folder: Path) -> None:
    """The styled floor: the logged calls, straight into XlsxWriter (no templates, rendering or temp files)."""
    for calls, name in zip(books, names):
        wb = xlsxwriter.Workbook(str(folder / name), {"strings_to_formulas": False, "strings_to_urls": False})
        formats: list[object] = []
        sheets: list[object] = []
        def real(a: object) -> object:
            return formats[a[1]] if isinstance(a, tuple) and a[:1] == ("fmt",) else a  # type: ignore[index]

        for target, method, args, kwargs in calls:
            obj = wb if target == "wb" else sheets[target]  # type: ignore[index]
            result = getattr(obj, method)(*map(real, args), **{k: real(v) for k, v in kwargs.items()})
            if method == "add_format":
                formats.append(result)
            elif method == "add_worksheet":
                sheets.append(result)
        wb.close()


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(bd: Breakdown, tmp: Path, rounds: int) -> tuple[int, list[float], list[float]]:
    """(forms, median s of [bare, styled, forms], median per-round ratios [forms/bare, forms/styled])."""
    out = tmp / "forms"

    def forms() -> object:
        return govtasks.write_forms(bd, out, period="2024Q2", generated=GENERATED, overwrite=True)

    names = [p.name for p in forms()]  # warm-up: template compiled (then cached), lazy imports
    cells = grids(out)
    books = record(bd, tmp / "recorded")
    for sub in ("bare", "styled"):
        (tmp / sub).mkdir()
    cases: list[Callable[[], object]] = [lambda: bare_write(cells, tmp / "bare"),
                                         lambda: replay(books, names, tmp / "styled"), forms]
    times: list[list[float]] = [[], [], []]
    for i in range(rounds):
        order = range(3) if i % 2 == 0 else range(2, -1, -1)
        for k in order:
            times[k].append(timed(cases[k]))
    if grids(tmp / "bare") != cells or grids(tmp / "styled") != cells:
        raise SystemExit("error: a baseline did not write the same cells as the forms")
    ratios = [[f / b for f, b in zip(times[2], times[k])] for k in (0, 1)]
    return len(names), [statistics.median(t) for t in times], [statistics.median(r) for r in ratios]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds per case (default 5)")
    parser.add_argument("--tasks", type=int, default=5000, help="tasks in the synthetic breakdown (default 5000)")
    parser.add_argument("--units", type=int, default=1500, help="units in the synthetic breakdown (default 1500)")
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, XlsxWriter {importlib.metadata.version('xlsxwriter')}, "
          f"govtasks {govtasks.__version__}, {args.rounds} rounds")
    cases = (("A seed 001", govtasks.import_breakdown(REAL)), ("B synthetic", synthetic(args.tasks, args.units)))
    head = (f"{'case':<13}{'tasks':>6}{'forms':>7}{'rows':>7}{'bare s':>8}{'styled s':>10}{'forms s':>9}"
            f"{'ms/form':>9}{'÷bare':>8}{'÷styled':>9}{'status':>8}")
    print(head)
    print("-" * len(head))
    for case, bd in cases:
        tmp = Path(tempfile.mkdtemp(prefix="bench_forms_"))
        try:
            n, (bare, styled, run), (ratio, over_styled) = measure(bd, tmp, args.rounds)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        rows = sum(len(t.units) for t in bd.tasks)  # task rows over all forms
        status = "OK" if ratio <= TARGET else "OVER"
        print(f"{case:<13}{len(bd.tasks):>6}{n:>7}{rows:>7}{bare:>8.2f}{styled:>10.2f}{run:>9.2f}{run / n * 1e3:>9.2f}"
              f"{ratio:>7.2f}×{over_styled:>8.2f}×{status:>8}")
    print(f"target: write_forms ≤ {TARGET}× the bare write of the same cells (÷bare); ÷styled: against the same "
          f"XlsxWriter calls replayed without the engine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
