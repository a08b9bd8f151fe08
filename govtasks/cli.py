"""Command line: ``govtasks import`` and ``govtasks show``.

Exit codes: 0 all fine; 1 the data has errors (output still written); 2 a file
could not be used at all, or the command line is wrong. Messages are Chinese
and carry no traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

from .errors import GovtasksError
from .importers import LAYOUT_LABELS, LAYOUTS
from .issues import IssueList, Severity
from .model import Breakdown

_MAX_ISSUES = 200


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="govtasks", description="重点工作督查：任务分解导入、查看（离线）")
    p.add_argument("--debug", action="store_true", help="出错时显示完整的 Python 错误信息")
    sub = p.add_subparsers(dest="command", required=True, metavar="命令")
    imp = sub.add_parser("import", help="导入任务分解（表格、文本、网页、Word），写成标准任务分解表",
                         description="导入任务分解（Excel/CSV 表格、.txt 文本通知、.html 网页、.docx Word 文件），写成标准任务分解表")
    imp.add_argument("sources", nargs="+", metavar="SRC", help="要导入的文件（可多个）")
    imp.add_argument("-o", "--output", metavar="OUT", help="输出文件（多个输入时为输出文件夹）；默认 <原文件名>_标准.xlsx")
    imp.add_argument("--roster", metavar="R.xlsx", help="单位名册（单位名称/别名/所属分组），用于统一单位名称、展开分组")
    imp.add_argument("--lead", choices=("auto", "first"), default="auto", help="牵头单位规则：auto（按列名）或 first（责任单位第一个为牵头）")
    imp.add_argument("--layout", choices=LAYOUTS,
                     help="强制按某种格式读取，不自动识别：standard 标准任务分解表、table 表格、text 文本通知、plan 尚未分工的工作计划（生成草稿）")
    show = sub.add_parser("show", help="查看任务分解：各标题下的任务数、各单位牵头/配合任务数")
    show.add_argument("breakdown", metavar="BREAKDOWN", help="标准任务分解表或可导入的任务表")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "import":
            return _cmd_import(args)
        return _cmd_show(args)
    except GovtasksError as exc:
        if args.debug:
            raise
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0


def _output_for(src: Path, args: argparse.Namespace, many: bool) -> Path:
    if not args.output:
        return Path(f"{src.stem}_标准.xlsx")
    out = Path(args.output)
    return out / f"{src.stem}_标准.xlsx" if many else out


def _cmd_import(args: argparse.Namespace) -> int:
    from . import import_breakdown, write_breakdown

    sources = [Path(s) for s in args.sources]
    failed, worst = 0, 0
    for src in sources:
        try:
            bd = import_breakdown(src, roster=args.roster, lead=args.lead, layout=args.layout)
            out = write_breakdown(bd, _output_for(src, args, len(sources) > 1))
        except GovtasksError as exc:
            if args.debug:
                raise
            print(f"错误：{exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"已导入 {src.name}（按{LAYOUT_LABELS.get(bd.layout, bd.layout)}读取）：{_summary(bd)}")
        print(f"已写入 {out}")
        _print_issues(bd.issues)
        worst = max(worst, 1 if bd.issues.errors else 0)
    if failed:
        print(f"共 {len(sources)} 个文件，{failed} 个无法导入", file=sys.stderr)
        return 2
    return worst


def _summary(bd: Breakdown) -> str:
    sections = {t.path[0] for t in bd.tasks if t.path}
    leads = {u for t in bd.tasks for u in t.lead}
    issues = bd.issues
    return (f"{len(bd.tasks)} 项任务，{len(sections)} 个一级标题，{len(bd.units)} 个单位（其中牵头单位 {len(leads)} 个）；"
            f"问题 {len(issues)} 条（错误 {len(issues.errors)}，警告 {len(issues.warnings)}）")


def _print_issues(issues: IssueList) -> None:
    shown = [i for i in issues if i.severity is not Severity.INFO] + [i for i in issues if i.severity is Severity.INFO]
    for issue in shown[:_MAX_ISSUES]:
        print(f"  [{issue.severity.label}] {issue}")
    if len(shown) > _MAX_ISSUES:
        print(f"  ……另有 {len(shown) - _MAX_ISSUES} 条问题未显示（在 Python 中用 bd.issues.to_frame() 查看全部）")


def _cmd_show(args: argparse.Namespace) -> int:
    from . import import_breakdown

    bd = import_breakdown(args.breakdown)
    print(bd.title or Path(args.breakdown).stem)
    print(_summary(bd))
    print("\n各标题任务数：")
    counts = Counter(t.path[: i + 1] for t in bd.tasks for i in range(len(t.path)))
    printed: set[tuple[str, ...]] = set()
    for task in bd.tasks:
        for depth in range(1, len(task.path) + 1):
            key = task.path[:depth]
            if key not in printed:
                printed.add(key)
                print(f"{'  ' * depth}{key[-1]}（{counts[key]} 项）")
    untitled = sum(1 for t in bd.tasks if not t.path)
    if untitled:
        print(f"  （无标题）（{untitled} 项）")
    print("\n各单位任务数（牵头 / 配合）：")
    width = max((len(u) for u in bd.units), default=4)
    for unit in bd.units:
        lead = sum(unit in t.lead for t in bd.tasks)
        coop = sum(unit in t.coop for t in bd.tasks)
        print(f"  {unit.ljust(width, '　')}  牵头 {lead:>3}  配合 {coop:>3}")
    _print_issues(bd.issues)
    return 1 if bd.issues.errors else 0
