"""Command line: ``govtasks import``, ``show``, ``forms``, ``merge``, ``status`` and ``bulletin``.

Exit codes: 0 all fine; 1 the data has errors (output still written); 2 a file
could not be used at all, or the command line is wrong. Messages are Chinese
and carry no traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from govtasks.breakdown.importer import LAYOUT_LABELS, LAYOUTS
from govtasks.cli_zh import EXIT_CODES, ArgumentParser
from govtasks.errors import GovtasksError
from govtasks.issues import IssueList, Severity
from govtasks.model import Breakdown
from govtasks.periods import Period

if TYPE_CHECKING:
    from govtasks.report.model import Report
    from govtasks.returns.model import Returns, UnitReturn

_MAX_ISSUES = 200


def _parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="govtasks", description="重点工作督查：任务分解导入、查看，生成各单位进展情况表，汇总报回的表、催报（离线）",
                       epilog=EXIT_CODES)
    p.args.add_argument("--debug", action="store_true", help="出错时显示完整的 Python 错误信息（也可写在命令之后）")
    sub = p.add_subparsers(dest="command", required=True, title="命令")
    imp = _command(sub, "import", help="导入任务分解（表格、文本、网页、Word），写成标准任务分解表",
                         description="导入任务分解（Excel/CSV 表格、.txt 文本通知、.html 网页、.docx Word 文件、.pdf；.doc/.wps/.et 等经 LibreOffice 转换），写成标准任务分解表")
    imp.args.add_argument("sources", nargs="+", metavar="SRC", help="要导入的文件（可多个）")
    imp.args.add_argument("-o", "--output", metavar="OUT", help="输出文件（多个输入时为输出文件夹）；默认 <原文件名>_标准.xlsx")
    imp.args.add_argument("--roster", metavar="R.xlsx", help="单位名册（单位名称/别名/所属分组），用于统一单位名称、展开分组")
    imp.args.add_argument("--lead", choices=("auto", "first"), default="auto", help="牵头单位规则：auto（按列名）或 first（责任单位第一个为牵头）")
    imp.args.add_argument("--layout", choices=LAYOUTS,
                     help="强制按某种格式读取，不自动识别：standard 标准任务分解表、table 表格、text 文本通知、plan 尚未分工的工作计划（生成草稿）")
    imp.args.add_argument("--columns", metavar="标签=列",
                          help="指定表格各列的内容，覆盖自动判断（导入摘要中的“判断”）：如“任务内容=C,一级标题=B”；"
                               "标签：任务内容、一级标题、二级标题、三级标题、序号、完成时限、牵头单位、责任单位、牵头领导、责任人、备注、进展情况")
    show = _command(sub, "show", help="查看任务分解：各标题下的任务数、各单位牵头/配合任务数")
    show.args.add_argument("breakdown", metavar="BREAKDOWN", help="标准任务分解表或可导入的任务表")
    _forms_parser(sub)
    _returns_parsers(sub)
    return p


def _command(sub: argparse._SubParsersAction, name: str, **kwargs: Any) -> ArgumentParser:  # type: ignore[type-arg]
    """A subcommand's parser: its own --debug (after the command) and the exit codes in its help."""
    cmd: ArgumentParser = sub.add_parser(name, epilog=EXIT_CODES, **kwargs)
    cmd.args.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="出错时显示完整的 Python 错误信息")
    return cmd


def _forms_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    forms = _command(sub, "forms", help="为每个单位生成重点工作进展情况表（每单位一个 .xlsx）",
                           description="按任务分解为每个单位生成一份重点工作进展情况表：先列本单位牵头的任务，再列配合的任务")
    forms.args.add_argument("breakdown", metavar="BREAKDOWN", help="标准任务分解表或可导入的任务表")
    forms.args.add_argument("--period", required=True, metavar="期间",
                       help="报告期：2024Q2（季度）、2024H1（半年）、2024M06（月）、2024（年度），或“2024年第二季度”")
    forms.args.add_argument("-o", "--output", required=True, metavar="DIR", help="输出文件夹")
    forms.args.add_argument("--template", metavar="T.xlsx", help="自定义表格模板（默认用内置模板，变量见 templates/README.md）")
    forms.args.add_argument("--unit", action="extend", nargs="+", metavar="名称", help="只为这些单位生成（可写多个）")
    forms.args.add_argument("--roster", metavar="R.xlsx", help="单位名册：展开单位分组，只为名册中的单位生成")
    forms.args.add_argument("--previous", metavar="REPORT.xlsx", help="上期汇总表（含“任务编号”“进展情况”列）：表中加一列只读的“上期进展”")
    forms.args.add_argument("--password", metavar="P", help="工作表保护密码（默认保护、不设密码）")
    forms.args.add_argument("--overwrite", action="store_true", help="覆盖输出文件夹中的同名文件")
    rounds = forms.add_argument_group("两轮报送（配合单位先报牵头单位，牵头单位综合后报督查室）")
    rounds.add_argument("--round", choices=("one", "coop", "lead"), default="one",
                        help="one：一轮（默认）；coop：第一轮，配合单位报牵头单位（每个配合单位一份，只列配合任务）；"
                             "lead：第二轮，牵头单位综合报送（每个牵头单位一份，只列牵头任务，预填配合单位反馈）")
    rounds.add_argument("--send-by", default="", metavar="时间", help="报送时限，写在表中，如“6月15日”")
    rounds.add_argument("--send-to", default="", metavar="名称",
                        help="报送对象，写在表中（第一轮默认为各任务的牵头单位；第二轮如“区政府督查室”）")
    rounds.add_argument("--coop-returns", nargs="+", metavar="DIR",
                        help="第二轮：收到的第一轮配合单位报表（文件夹或文件），用于预填“配合单位反馈”")
    rounds.add_argument("--coop-workbook", action="store_true",
                        help="第二轮：另为每个牵头单位写一份“配合单位反馈汇总”工作簿")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "import":
            return _cmd_import(args)
        if args.command == "forms":
            return _cmd_forms(args)
        if args.command == "merge":
            return _cmd_merge(args)
        if args.command == "status":
            return _cmd_status(args)
        if args.command == "bulletin":
            return _cmd_bulletin(args)
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
    from govtasks import import_breakdown, write_breakdown

    sources = [Path(s) for s in args.sources]
    failed, worst = 0, 0
    for src in sources:
        try:
            bd = import_breakdown(src, roster=args.roster, lead=args.lead, layout=args.layout, columns=args.columns)
            out = write_breakdown(bd, _output_for(src, args, len(sources) > 1))
        except (GovtasksError, ValueError) as exc:
            if args.debug:
                raise
            print(f"错误：{exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"已导入 {src.name}（按{LAYOUT_LABELS.get(bd.layout, bd.layout)}读取）：{_summary(bd)}")
        for decision in getattr(bd.layout, "decisions", ()):
            print(f"  判断：{decision}")
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
            f"问题 {len(issues)} 条（{_counts(issues)}）")


def _counts(issues: IssueList) -> str:
    """错误 a，警告 b，提示 c: every severity counted."""
    info = len(issues) - len(issues.errors) - len(issues.warnings)
    return f"错误 {len(issues.errors)}，警告 {len(issues.warnings)}，提示 {info}"


def _print_issues(issues: IssueList, where_all: str = "在 Python 中用 bd.issues.to_frame() 查看全部") -> None:
    shown = [i for i in issues if i.severity is not Severity.INFO] + [i for i in issues if i.severity is Severity.INFO]
    for issue in shown[:_MAX_ISSUES]:
        print(f"  [{issue.severity.label}] {issue}")
    if len(shown) > _MAX_ISSUES:
        print(f"  ……另有 {len(shown) - _MAX_ISSUES} 条问题未显示（{where_all}）")


def _cmd_show(args: argparse.Namespace) -> int:
    from govtasks import import_breakdown

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


def _period(text: str) -> Period:
    """--period as a Period; a bad one is a GovtasksError (Chinese message, exit code 2)."""
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise GovtasksError(str(exc)) from exc


def _coop_feedback(args: argparse.Namespace, bd: Breakdown, period: Period) -> Returns | None:
    """Round two: the round-one returns given with --coop-returns (read and summed up), else None."""
    if not args.coop_returns:
        if args.round == "lead":
            print("注意：未给出 --coop-returns（第一轮配合单位报表），“配合单位反馈”栏为空")
        return None
    if args.round != "lead":
        raise GovtasksError("--coop-returns 只用于第二轮（--round lead）")
    from govtasks import read_returns

    rets = read_returns(args.coop_returns if len(args.coop_returns) > 1 else args.coop_returns[0], bd, period=period,
                        round="coop")
    used = [f for f in rets.files if f.state == "ok"]
    count = sum(1 for p in rets.entries if p.task_id and not p.is_empty and p.role != "牵头")
    print(f"已读取第一轮配合单位报表 {len(used)} 份（{len({f.unit for f in used})} 个单位），配合单位反馈 {count} 条")
    return rets


def _cmd_forms(args: argparse.Namespace) -> int:
    from govtasks import import_breakdown, write_forms
    from govtasks.breakdown.roster import not_in_roster
    from govtasks.breakdown.units import is_group
    from govtasks.forms.rounds import FORM_NAMES, parse_round
    from govtasks.forms.write import load_roster, select_units
    from govtasks.returns.status import period_year_issue

    period = _period(args.period)
    bd = import_breakdown(args.breakdown, roster=args.roster)
    for issue in period_year_issue(bd, period):
        print(f"警告：{issue.message}")
    feedback = _coop_feedback(args, bd, period)
    paths = write_forms(bd, args.output, period=period, units=args.unit, roster=args.roster, template=args.template,
                        previous=args.previous, password=args.password, overwrite=args.overwrite, round=args.round,
                        send_to=args.send_to, send_by=args.send_by, feedback=feedback, coop_workbook=args.coop_workbook)
    kind = FORM_NAMES[parse_round(args.round)]
    forms = [p for p in paths if "配合单位反馈汇总" not in p.stem]
    print(f"已为 {len(forms)} 个单位生成 {len(forms)} 份{period.label}{kind}（分解表共 {len(bd.units)} 个单位），"
          f"保存在 {args.output}")
    if len(paths) > len(forms):
        print(f"另写入 {len(paths) - len(forms)} 份配合单位反馈汇总工作簿")
    chosen = select_units(bd, units=args.unit)
    outside = not_in_roster(bd, load_roster(args.roster)) if args.roster else []
    if outside:
        print(f"警告：单位名册中没有以下 {len(outside)} 个单位，已照常生成填报表：{'、'.join(outside)}")
    groups = [u for u in chosen if is_group(u)]
    if groups:
        hint = "名册中没有这些分组的成员" if args.roster else "可用 --roster 展开为具体单位，或用 --unit 指定单位"
        print(f"注意：以下名称是单位分组，也各生成了一份表（{hint}）：{'、'.join(groups)}")
    return 0


# --- returns: merge and status ------------------------------------------------------------

_BAR_FROM = 20
"""Show a progress bar when reading more files than this."""


def _returns_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    merge = _command(sub, "merge", help="汇总各单位报回的进展情况表，生成重点工作进展和完成情况汇总表",
                           description="读取报回的进展情况表（文件夹或文件），按任务汇总，写出汇总表（含填报情况、配合单位反馈、问题清单）")
    stat = _command(sub, "status", help="查看报送情况：哪些单位已报、哪些未报；可生成催报通知",
                          description="列出已报送和未报送的单位及数量；--notice 生成可直接发送的催报通知")
    bull = _command(sub, "bulletin", help="生成重点工作推进情况通报（Word，可编辑）",
                          description="汇总报回的表，按完成状态和亮灯规则生成通报（.docx，GB/T 9704 公文格式）")
    for cmd in (merge, stat, bull):
        cmd.args.add_argument("breakdown", metavar="BREAKDOWN", help="标准任务分解表或可导入的任务表")
        cmd.args.add_argument("returns", nargs="+", metavar="RETURNS", help="报回的文件夹（含子文件夹）或文件")
        cmd.args.add_argument("--period", required=True, metavar="期间",
                         help="报告期：2024Q2（季度）、2024H1（半年）、2024M06（月）、2024（年度），或“2024年第二季度”")
        cmd.args.add_argument("--roster", metavar="R.xlsx", help="单位名册：统一单位名称、展开单位分组")
        cmd.args.add_argument("--no-libreoffice", action="store_true", help="不用 LibreOffice 转换 .et 等文件（列为无法读取）")
        cmd.args.add_argument("--due", metavar="日期", help="报送截止日期，如 2024-06-25 或“6月25日”：按文件保存时间标注按时/逾期")
        cmd.args.add_argument("--round", choices=("one", "coop", "lead"),
                              help="两轮报送时收的是哪一轮：coop 第一轮（配合单位报牵头单位）、lead 第二轮（牵头单位综合报送）、"
                                   "one 一轮；默认按表内信息判断（有牵头单位综合报表即为第二轮）")
    for cmd in (merge, bull):
        cmd.args.add_argument("--previous", nargs="+", metavar="REPORT", help="往期汇总表（文件或文件夹）：加“上期进展”“变化”，查照抄、倒退、连续黄灯")
        cmd.args.add_argument("--rules", metavar="RULES.xlsx", help="亮灯规则表（“亮灯规则”工作表：规则 | 值），见 docs/status.md")
        cmd.args.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF")
    bull.args.add_argument("-o", "--output", required=True, metavar="OUT.docx", help="通报文件（.docx）")
    bull.args.add_argument("--report", metavar="REPORT.xlsx", help="同时写出汇总表")
    bull.args.add_argument("--template", metavar="T.docx", help="自定义通报模板（docxtpl；占位符见 templates/README.md）")
    bull.args.add_argument("--office", default="", metavar="名称", help="落款单位，如“弋江区人民政府督查室”")
    bull.args.add_argument("--date", metavar="日期", help="落款日期，如 2024-07-10（默认今天）")
    bull.args.add_argument("--addressees", default="各有关单位", metavar="主送", help="主送单位，如“各街道、区直各单位”")
    bull.args.add_argument("--doc-number", default="", metavar="文号", help="文号或期号，如“督查通报 第3期”")
    merge.args.add_argument("-o", "--output", required=True, metavar="REPORT.xlsx", help="汇总表文件")
    merge.args.add_argument("--title", help="汇总表标题（默认“<发文机关><期间>重点工作进展和完成情况”）")
    merge.args.add_argument("--with-status", action="store_true", help="在“进展情况”后加一列“完成状态”")
    merge.args.add_argument("--append-coop", action="store_true", help="把配合单位的进展也附在“进展情况”后（标注【单位（配合）】）")
    stat.args.add_argument("--notice", metavar="OUT.txt", help="写出催报通知（模板 templates/notice.txt.j2）")
    stat.args.add_argument("--notice-template", metavar="T.j2", help="自定义催报通知模板（Jinja2 文本）")
    stat.args.add_argument("--deadline", default="", metavar="时间", help="催报通知中的新报送时限，如“7月5日”")
    stat.args.add_argument("--office", default="", metavar="名称", help="催报通知的落款单位，如“市政府督查室”")
    stat.args.add_argument("--contact", default="", metavar="文字", help="催报通知中的联系人及电话")


def _progress_bar(total: int) -> Callable[[int, int, str], None] | None:
    """An ``on_progress`` callback drawing a text bar on stderr (only for many files)."""
    if total <= _BAR_FROM:
        return None
    tty = sys.stderr.isatty()
    shown = [0.0]

    def show(done: int, total: int, name: str) -> None:
        # redrawn ten times a second at most: a write per file would hand the GIL to the parsing
        # worker 1,500 times (each costs the reading more than the drawing)
        now = time.monotonic()
        if (tty and now - shown[0] >= 0.1) or done == total:
            shown[0] = now
            filled = done * 30 // total
            end = "\n" if done == total else ""
            print(f"\r读取报表 [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def _read(args: argparse.Namespace) -> tuple[Breakdown, Returns]:
    """(breakdown, returns) for merge/status; the period is checked first."""
    from govtasks import import_breakdown, read_returns
    from govtasks.returns.read import collect_files
    from govtasks.returns.status import parse_due

    period = _period(args.period)
    if Path(args.breakdown).is_dir() and any(Path(r).is_file() for r in args.returns):
        raise GovtasksError(f"{args.breakdown} 是文件夹：第一个参数应是任务分解表，之后才是报回的文件夹，看起来两者顺序反了；"
                            f"请写成 govtasks {args.command} 分解表.xlsx 报回文件夹 --period …")
    bd = import_breakdown(args.breakdown, roster=args.roster)
    files = collect_files(args.returns)
    try:
        due = parse_due(args.due, period.year) if args.due else None
    except ValueError as exc:
        raise GovtasksError(str(exc)) from exc
    rets = read_returns([p for p, _ in files] if len(args.returns) > 1 else args.returns[0], bd, period=period,
                        due=due, libreoffice=not args.no_libreoffice, on_progress=_progress_bar(len(files)),
                        round=args.round)
    return bd, rets


def _merged(args: argparse.Namespace) -> tuple[Returns, Report]:
    """The returns and the report for merge/bulletin: --previous and --rules applied."""
    from concurrent.futures import ThreadPoolExecutor

    from govtasks import merge, read_history, read_rules

    with ThreadPoolExecutor(1) as pool:  # the earlier reports are parsed while the returns are read (calamine frees the GIL)
        earlier = pool.submit(read_history, args.previous) if args.previous else None
        bd, rets = _read(args)
        history = earlier.result() if earlier is not None else None
    try:
        rules = read_rules(args.rules) if args.rules else None
    except ValueError as exc:
        raise GovtasksError(str(exc)) from exc
    report = merge(bd, rets, title=getattr(args, "title", None), append_coop=getattr(args, "append_coop", False),
                   rules=rules, previous=history)
    return rets, report


def _pdfs(paths: list[Path]) -> None:
    from govtasks.report.bulletin import write_pdfs

    for pdf in write_pdfs(paths):
        print(f"已写入 {pdf}")


def _cmd_bulletin(args: argparse.Namespace) -> int:
    from govtasks import write_bulletin, write_report

    rets, report = _merged(args)
    try:
        when = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError as exc:
        raise GovtasksError(f"无法识别的落款日期“{args.date}”；请写成 2024-07-10") from exc
    out = write_bulletin(report, args.output, template=args.template, office=args.office, date=when,
                         addressees=args.addressees, doc_number=args.doc_number)
    written = [out] + ([write_report(report, args.report, with_status=True)] if args.report else [])
    for path in written:
        print(f"已写入 {path}")
    from govtasks.report.stats import compute_stats, lights_sentence, overall_sentence, scope_word

    stats = compute_stats(report)
    print(overall_sentence(stats, scope_word(report.title)) + lights_sentence(stats))
    if args.pdf:
        _pdfs(written)
    return 1 if report.issues.errors else 0


def _cmd_merge(args: argparse.Namespace) -> int:
    from govtasks import write_report
    from govtasks.forms.rounds import ROUND_LABELS
    from govtasks.report.write import ISSUES_SHEET

    rets, report = _merged(args)
    out = write_report(report, args.output, with_status=args.with_status)
    done = sum(u.returned for u in report.units)
    with_text = sum(1 for r in report.tasks if r.progress)
    which = f"（{ROUND_LABELS[rets.round]}）" if rets.round else ""
    print(f"已读取 {len(rets.files)} 个文件{which}：{done} 个单位已报送，{len(report.units) - done} 个未报送；"
          f"其他文件 {len([f for f in rets.files if f.state != 'ok'])} 个（旧版本、无法读取、不是填报表）")
    print(f"已写入 {out}：任务 {len(report.tasks)} 项（{with_text} 项有进展），配合单位反馈 {len(report.coop)} 条，"
          f"问题 {len(report.issues)} 条（{_counts(report.issues)}）")
    _print_issues(report.issues, f"全部问题见 {out.name} 的“{ISSUES_SHEET}”工作表")
    if args.pdf:
        _pdfs([out])
    return 1 if report.issues.errors else 0


def _cmd_status(args: argparse.Namespace) -> int:
    from govtasks.returns.notice import chase_notice
    from govtasks.returns.status import return_status

    bd, rets = _read(args)
    units = return_status(bd, rets)
    _print_status(units, rets)
    if args.notice:
        text = chase_notice(bd, rets, template=args.notice_template, office=args.office, deadline=args.deadline,
                            contact=args.contact)
        Path(args.notice).write_text(text, encoding="utf-8")
        print(f"已写入催报通知 {args.notice}")
    return 1 if rets.issues.errors else 0


def _print_status(units: Sequence[UnitReturn], rets: Returns) -> None:

    done = [u for u in units if u.returned]
    missing = [u for u in units if not u.returned]
    print(f"{Period.parse(rets.period).label}报送情况：应报 {len(units)} 个单位，已报 {len(done)} 个，未报 {len(missing)} 个")
    print(f"\n已报送（{len(done)}）：")
    for u in done:
        when = f"{u.time:%Y-%m-%d %H:%M}" if u.time else "时间不详"
        timely = {True: "  按时", False: "  逾期", None: ""}[u.on_time]
        print(f"  {u.unit}  已填 {u.answered}/{u.total}  {when}{timely}  {u.file}")
    print(f"\n未报送（{len(missing)}）：")
    for u in missing:
        print(f"  {u.unit}（牵头 {u.lead_tasks} 项、配合 {u.coop_tasks} 项）")
    others = [f for f in rets.files if f.state != "ok"]
    if others:
        print(f"\n其他文件（{len(others)}，未汇总）：")
        for f in others:
            print(f"  {f.file}：{f.message or ('已由 ' + f.superseded_by + ' 替代' if f.superseded_by else f.state)}")
