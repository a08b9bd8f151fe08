"""Write the consolidated report (汇总表) with XlsxWriter, print-ready.

Sheets, in order:

* 重点工作进展情况 — the published layout (seed 004): title, a note line, the
  header 序号 | 目标与任务 | 牵头责任单位 | 责任单位 | 进展情况 [| 完成状态] [| 上期进展
  | 变化], section rows merged across, one row per task; hidden columns 任务编号 and
  来源 (the file!sheet!cell of every merged text). A lead unit without text reads
  【单位】未报送; 完成状态 is each lead unit's status when they differ.
* 统计, 亮灯情况, 历次进展 (with earlier periods) — report/sheets.py (docs/status.md).
* 填报情况 — every unit: returned or not, file, time, tasks answered / total;
  then every other file of the returns folder (older versions, not forms …).
* 牵头单位反馈 / 配合单位反馈 — every answer in full (完成状态, 进展情况, 存在问题,
  下步计划, 备注, other text) with its source cell.
* 其他版本 — every text a unit wrote in another version of its return that the answer
  in use does not hold: unit, task, column, text, file!sheet!cell, the version's time.
* 问题清单 — every issue with its place.
* 亮灯规则 — the rules used (report/sheets.py).

Every text is written as a string, never as a formula: text beginning with = + - @ stays
text. The tables' rows go through :class:`govtasks._tablesheet.TableSheet` (inline strings,
written straight as XML); titles, headers and section rows through XlsxWriter's own API.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from govtasks._types import PathLike
from govtasks.io.textfit import row_height
from govtasks.io.xlsxout import atomic_workbook
from govtasks.issues import Severity
from govtasks.outputs import REPORT_ISSUES_SHEET, REPORT_MAIN_SHEET, REPORT_STATUS_SHEET
from govtasks.periods import Period
from govtasks.report.model import Report, ReportRow
from govtasks.returns.model import Progress
from govtasks.returns.status import on_time

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from govtasks.report.tablesheet import TableSheet

MAIN_SHEET = REPORT_MAIN_SHEET
STATUS_SHEET = REPORT_STATUS_SHEET
LEAD_SHEET = "牵头单位反馈"
COOP_SHEET = "配合单位反馈"
VERSIONS_SHEET = "其他版本"
ISSUES_SHEET = REPORT_ISSUES_SHEET
MAX_CELL = 32767
_TOO_LONG = "……（超出单元格长度，全文见“牵头单位反馈”/“配合单位反馈”）"

MAIN_COLUMNS: tuple[tuple[str, float], ...] = (("序号", 6), ("目标与任务", 36), ("牵头责任单位", 14),
                                               ("责任单位", 18), ("进展情况", 70))
STATUS_COLUMN = ("完成状态", 14.0)
HISTORY_COLUMNS = (("上期进展", 50.0), ("变化", 14.0))
"""After 进展情况 [完成状态] when earlier reports were given."""
HIDDEN_COLUMNS = (("任务编号", 9.0), ("来源", 40.0))
FEEDBACK_COLUMNS = (("序号", 6), ("任务编号", 9), ("目标与任务", 30), ("单位", 14), ("完成状态", 9), ("进展情况", 50),
                    ("存在问题", 24), ("下步计划", 24), ("备注", 12), ("其他内容", 20), ("来源", 28))
STATUS_COLUMNS = (("序号", 6), ("单位", 24), ("牵头任务数", 8), ("配合任务数", 8), ("报送情况", 9), ("是否按时", 9),
                  ("报送文件", 40), ("报送时间", 17), ("已填报任务数", 9), ("应填报任务数", 9), ("说明", 40))
VERSION_COLUMNS = (("序号", 6), ("单位", 14), ("任务编号", 9), ("目标与任务", 30), ("栏目", 9), ("内容", 50),
                   ("位置", 34), ("时间", 17))
ISSUE_COLUMNS = (("序号", 6), ("级别", 6), ("代码", 18), ("位置", 40), ("单位", 16), ("任务编号", 9), ("说明", 70))


def write_report(report: Report, path: PathLike, *, with_status: bool = False) -> Path:
    """Write the consolidated report, atomically (a crash never leaves a half-written file).

    Args:
        report: from :func:`govtasks.merge`.
        path: the .xlsx to write (replaced if it exists).
        with_status: add a 完成状态 column after 进展情况.

    Raises:
        WorkbookError: the target cannot be written (e.g. open in Excel/WPS).

    Example:
        >>> write_report(merge(bd, returns), "2024年第二季度汇总表.xlsx")  # doctest: +SKIP
    """
    target = Path(path)
    small = len(report.tasks) + len(report.coop) + len(report.issues) + len(report.versions) <= IN_MEMORY_ROWS
    with atomic_workbook(target, in_memory=small) as wb:
        fmt = _formats(wb)
        _main_sheet(wb, fmt, report, with_status)
        from govtasks.report.sheets import write_leader_sheets, write_rules_sheet

        write_leader_sheets(wb, fmt, report)  # 统计, 亮灯情况, 历次进展
        _status_sheet(wb, fmt, report)
        _feedback_sheet(wb, fmt, LEAD_SHEET, report.lead, report)
        _feedback_sheet(wb, fmt, COOP_SHEET, report.coop, report)
        _versions_sheet(wb, fmt, report)
        _issues_sheet(wb, fmt, report)
        write_rules_sheet(wb, fmt, report)
    return target


def _table_sheet(wb: Workbook, name: str) -> TableSheet:
    from govtasks.report.tablesheet import TableSheet

    sheet: TableSheet = wb.add_worksheet(name, worksheet_class=TableSheet)
    return sheet


def _formats(wb: Workbook) -> dict[str, Any]:
    base = {"font_name": "仿宋", "font_size": 11, "text_wrap": True, "valign": "vcenter", "border": 1}
    return {
        "title": wb.add_format({"font_name": "方正小标宋简体", "font_size": 20, "align": "center", "valign": "vcenter"}),
        "note": wb.add_format({"font_name": "仿宋", "font_size": 11, "text_wrap": True, "valign": "vcenter"}),
        "head": wb.add_format({**base, "font_name": "黑体", "bold": True, "align": "center", "bg_color": "#D9E1F2"}),
        "section": wb.add_format({**base, "font_name": "黑体", "bold": True, "align": "left"}),
        "body": wb.add_format(base),
        "center": wb.add_format({**base, "align": "center"}),
        "missing": wb.add_format({**base, "align": "center", "font_color": "#C00000"}),
        "blank": wb.add_format({"border": 1}),
        "time": wb.add_format({**base, "align": "center", "num_format": "yyyy-mm-dd hh:mm"}),
    }


def _page_setup(ws: Worksheet, header_row: int, last_row: int, last_col: int) -> None:
    ws.repeat_rows(header_row)
    ws.freeze_panes(header_row + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.print_area(0, 0, max(last_row, header_row), last_col)


def _header(ws: Worksheet, fmt: dict[str, Any], row: int, columns: Sequence[tuple[str, float]]) -> None:
    for c, (label, width) in enumerate(columns):
        ws.set_column(c, c, width)
        ws.write_string(row, c, label, fmt["head"])
    ws.set_row(row, 24)


IN_MEMORY_ROWS = 20_000
"""A report with at most this many rows in all is assembled in memory (faster); a larger one
in temporary files (its XML is tens of MB)."""


_Widths = tuple[float, ...]


def _widths(columns: Sequence[tuple[str, float]]) -> _Widths:
    return tuple(w for _, w in columns)


def _write_row(ws: TableSheet, row: int, values: list[str], widths: _Widths, fmts: Sequence[Any]) -> None:
    """Write the non-empty cells (blank cells get their borders from the table's conditional format),
    the row as high as its longest text needs."""
    if max(map(len, values)) > MAX_CELL:
        values[:] = [v[: MAX_CELL - len(_TOO_LONG)] + _TOO_LONG if len(v) > MAX_CELL else v for v in values]
    ws.text_row(row, values, fmts, row_height(zip(values, widths)))


def _blank_borders(ws: Worksheet, fmt: dict[str, Any], first: int, last: int, columns: int) -> None:
    """Borders for the empty cells of a table, without writing a cell for each."""
    if last >= first:
        ws.conditional_format(first, 0, last, columns - 1, {"type": "blanks", "format": fmt["blank"]})


def _title(ws: Worksheet, fmt: dict[str, Any], text: str, note: str, last_col: int) -> None:
    ws.merge_range(0, 0, 0, last_col, text, fmt["title"])
    ws.set_row(0, 40)
    ws.merge_range(1, 0, 1, last_col, note, fmt["note"])
    ws.set_row(1, 20 if len(note) < 90 else 34)


def _note(report: Report) -> str:
    done = sum(1 for u in report.units if u.returned)
    parts = [f"应报送单位 {len(report.units)} 个，已报送 {done} 个"]
    if report.period:
        end = Period.parse(report.period).end
        parts.insert(0, f"截至{end.year}年{end.month}月{end.day}日")
    errors = sum(1 for i in report.issues if i.severity is Severity.ERROR)
    warnings = sum(1 for i in report.issues if i.severity is Severity.WARNING)
    if errors or warnings:
        parts.append(f"汇总中发现错误 {errors} 条、警告 {warnings} 条，详见“{ISSUES_SHEET}”")
    return "；".join(parts) + "。"


def _main_sheet(wb: Workbook, fmt: dict[str, Any], report: Report, with_status: bool) -> None:
    ws = _table_sheet(wb, MAIN_SHEET)
    found = report.assessment
    history = found is not None and bool(found.changes)
    visible = list(MAIN_COLUMNS) + ([STATUS_COLUMN] if with_status else []) + list(HISTORY_COLUMNS) * history
    columns = visible + list(HIDDEN_COLUMNS)
    last = len(visible) - 1
    _title(ws, fmt, report.title, _note(report), last)
    _header(ws, fmt, 2, columns)
    for c in range(len(visible), len(columns)):
        ws.set_column(c, c, columns[c][1], None, {"hidden": True})
    widths = _widths(columns)
    body = [fmt["center"], fmt["body"], fmt["center"], fmt["center"], fmt["body"]]
    body += [fmt["center"]] * with_status + [fmt["body"], fmt["center"]] * history + [fmt["body"], fmt["body"]]
    printed = _printed(report)
    for r, row in enumerate(report.rows, start=3):
        if row.kind == "section":
            ws.merge_range(r, 0, r, last, row.text, fmt["section"])
            ws.set_row(r, row_height([(row.text, sum(widths[: last + 1]))]))
            continue
        _write_row(ws, r, _main_values(row, with_status, printed.get(row.task_id), history), widths, body)
    _blank_borders(ws, fmt, 3, 2 + len(report.rows), last + 1)
    _page_setup(ws, 2, 2 + len(report.rows), last)


_Printed = tuple[str, tuple[str, ...], str, str]
"""A task's printed 完成状态, its lead units that did not report, 上期进展 and 变化 (with earlier periods)."""


def _printed(report: Report) -> dict[str, _Printed]:
    found = report.assessment
    if found is None:
        return {}
    changes = found.changes_by_task()
    out = {}
    for st in found.tasks:
        change = changes.get(st.task_id)
        missing = tuple(u.unit for u in st.units if u.status == "未报送")
        out[st.task_id] = (st.printed, missing, change.previous_progress if change else "", change.change if change else "")
    return out


def _with_missing(progress: str, missing: tuple[str, ...], several: bool) -> str:
    """The lead units' text with a 未报送 line for each lead unit that did not report, before any 【单位（配合）】 text."""
    marks = [f"【{u}】未报送" for u in missing] if several else ["未报送"]
    lines = progress.split("\n") if progress else []
    at = next((i for i, line in enumerate(lines) if line.startswith("【") and "（配合）】" in line[:40]), len(lines))
    return "\n".join(lines[:at] + marks + lines[at:])


def _main_values(row: ReportRow, with_status: bool, printed: _Printed | None = None, history: bool = False) -> list[str]:
    """The printed cells: a lead unit that did not report reads 未报送 (【单位】未报送 when the task has several)."""
    status, missing, before, change = printed or (row.status, row.missing, "", "")
    progress = row.progress
    if missing:
        progress = _with_missing(progress, missing, len(row.lead) > 1)
    values = [row.number, row.text, "、".join(row.lead), "、".join(row.coop), progress]
    if with_status:
        values.append(status)
    if history:
        values += [before, change]
    return values + [row.task_id, row.sources_text]


Cell = str | int | dt.datetime | None


def _typed_row(ws: Worksheet, row: int, values: Sequence[Cell], widths: _Widths, fmts: Sequence[Any],
               when: Any) -> None:
    """A row of numbers, times (``when`` format) and text, as high as its text needs."""
    for c, (value, f) in enumerate(zip(values, fmts)):
        if isinstance(value, dt.datetime):
            ws.write_datetime(row, c, value, when)
        elif isinstance(value, int):
            ws.write_number(row, c, value, f)
        elif value:
            ws.write_string(row, c, value, f)
    ws.set_row(row, row_height([(v, w) for v, w in zip(values, widths) if isinstance(v, str)]))


def _timeliness(flag: bool | None) -> str:
    return "" if flag is None else "按时" if flag else "逾期"


def _status_sheet(wb: Workbook, fmt: dict[str, Any], report: Report) -> None:
    """填报情况: counts as numbers and times as dates (a sheet of one row per unit: XlsxWriter's own API)."""
    ws = wb.add_worksheet(STATUS_SHEET)
    last = len(STATUS_COLUMNS) - 1
    _title(ws, fmt, f"{report.title}（填报情况）", _note(report), last)
    _header(ws, fmt, 2, STATUS_COLUMNS)
    widths = _widths(STATUS_COLUMNS)
    center, body = fmt["center"], fmt["body"]
    returned = (center, body, center, center, center, center, body, center, center, center, body)
    missing = returned[:4] + (fmt["missing"],) + returned[5:]  # 报送情况 in red
    late = returned[:5] + (fmt["missing"],) + returned[6:]  # 逾期 in red
    r = 3
    for n, u in enumerate(report.units, start=1):
        others = "；".join(([f"未采用的文件：{'、'.join(u.other_files)}"] if u.other_files else [])
                          + ([f"第一轮报表（已作为配合单位反馈汇总）：{'、'.join(u.feedback_files)}"] if u.feedback_files else []))
        values: list[Cell] = [n, u.unit, u.lead_tasks, u.coop_tasks, "已报送" if u.returned else "未报送",
                              _timeliness(u.on_time), u.file, u.time, u.answered, u.total, others]
        _typed_row(ws, r, values, widths, late if u.on_time is False else returned if u.returned else missing,
                   fmt["time"])
        r += 1
    _blank_borders(ws, fmt, 3, r - 1, len(STATUS_COLUMNS))
    r = _other_files(ws, fmt, report, r + 1, widths)
    _page_setup(ws, 2, r, last)


_STATE_LABELS = {"superseded": "已被较新版本替代", "not-used": "未采用", "unreadable": "无法读取",
                 "not-a-form": "不是填报表"}


def _other_files(ws: Worksheet, fmt: dict[str, Any], report: Report, r: int, widths: _Widths) -> int:
    others = [f for f in report.files if f.state != "ok"]
    if not others:
        return r
    ws.merge_range(r, 0, r, len(widths) - 1, f"其他文件（{len(others)} 个，未汇总）", fmt["section"])
    fmts = [fmt["center"]] * 6 + [fmt["body"]] + [fmt["center"]] * 3 + [fmt["body"]]
    for n, f in enumerate(others, start=1):
        reason = f.message or (f"已由 {f.superseded_by} 替代" if f.superseded_by else "")
        values: list[Cell] = [n, f.unit, None, None, _STATE_LABELS.get(f.state, f.state),
                              _timeliness(on_time(f.time, report.due)), f.file, f.time, None, None, reason]
        _typed_row(ws, r + n, values, widths, fmts, fmt["time"])
    _blank_borders(ws, fmt, r + 1, r + len(others), len(widths))
    return r + len(others) + 1


def _feedback_sheet(wb: Workbook, fmt: dict[str, Any], name: str, entries: Sequence[Progress], report: Report) -> None:
    ws = _table_sheet(wb, name)
    _title(ws, fmt, f"{report.title}（{name}）", f"共 {len(entries)} 条。", len(FEEDBACK_COLUMNS) - 1)
    _header(ws, fmt, 2, FEEDBACK_COLUMNS)
    cols = _widths(FEEDBACK_COLUMNS)
    tasks = {r.task_id: r for r in report.tasks}
    fmts = [fmt["center"], fmt["center"], fmt["body"], fmt["center"], fmt["center"]] + [fmt["body"]] * 6
    for r, p in enumerate(entries, start=3):
        task = tasks.get(p.task_id)
        extra = "\n".join([f"{label}：{text}" for label, text in p.extra]) if p.extra else ""
        source = str(p.source or "") + (f"\n（经 {p.via} 转报）" if p.via else "")
        values = [task.number if task else p.number, p.task_id, task.text if task else p.task_text, p.unit,
                  p.status, p.progress, p.problems, p.next_steps, p.note, extra, source]
        _write_row(ws, r, values, cols, fmts)
    _blank_borders(ws, fmt, 3, 2 + len(entries), len(FEEDBACK_COLUMNS))
    ws.autofilter(2, 0, 2 + len(entries), len(FEEDBACK_COLUMNS) - 1)
    _page_setup(ws, 2, 2 + len(entries), len(FEEDBACK_COLUMNS) - 1)


def _versions_sheet(wb: Workbook, fmt: dict[str, Any], report: Report) -> None:
    ws = _table_sheet(wb, VERSIONS_SHEET)
    versions = report.versions
    note = (f"共 {len(versions)} 条：单位报送了多个版本，以下文字在采用的答复中没有（按单位、任务列出），供核对。"
            if versions else "没有其他版本的文字。")
    _title(ws, fmt, f"{report.title}（{VERSIONS_SHEET}）", note, len(VERSION_COLUMNS) - 1)
    _header(ws, fmt, 2, VERSION_COLUMNS)
    cols = _widths(VERSION_COLUMNS)
    tasks = {r.task_id: r for r in report.tasks}
    fmts = [fmt["center"], fmt["center"], fmt["center"], fmt["body"], fmt["center"], fmt["body"], fmt["body"],
            fmt["center"]]
    for r, v in enumerate(versions, start=3):
        task = tasks.get(v.task_id)
        values = [str(r - 2), v.unit, v.task_id, task.text if task else v.task_text or "（未对应任务的行）", v.label,
                  v.text, str(v.source or ""), f"{v.time:%Y-%m-%d %H:%M}" if v.time else ""]
        _write_row(ws, r, values, cols, fmts)
    _blank_borders(ws, fmt, 3, 2 + len(versions), len(VERSION_COLUMNS))
    ws.autofilter(2, 0, 2 + len(versions), len(VERSION_COLUMNS) - 1)
    _page_setup(ws, 2, 2 + len(versions), len(VERSION_COLUMNS) - 1)


def _issues_sheet(wb: Workbook, fmt: dict[str, Any], report: Report) -> None:
    ws = _table_sheet(wb, ISSUES_SHEET)
    issues = report.issues
    note = f"共 {len(issues)} 条：错误 {len(issues.errors)} 条，警告 {len(issues.warnings)} 条。" if issues else "未发现问题。"
    _title(ws, fmt, f"{report.title}（{ISSUES_SHEET}）", note, len(ISSUE_COLUMNS) - 1)
    _header(ws, fmt, 2, ISSUE_COLUMNS)
    cols = _widths(ISSUE_COLUMNS)
    fmts = [fmt["center"], fmt["center"], fmt["body"], fmt["body"], fmt["center"], fmt["center"], fmt["body"]]
    for r, i in enumerate(issues, start=3):
        values = [str(r - 2), i.severity.label, i.code, str(i.where or ""), i.unit or "", i.task_id or "", i.message]
        _write_row(ws, r, values, cols, fmts)
    _blank_borders(ws, fmt, 3, 2 + len(issues), len(ISSUE_COLUMNS))
    ws.autofilter(2, 0, 2 + len(issues), len(ISSUE_COLUMNS) - 1)
    _page_setup(ws, 2, 2 + len(issues), len(ISSUE_COLUMNS) - 1)
