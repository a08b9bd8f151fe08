"""The report's sheets for leaders: 统计 (with native Excel charts), 亮灯情况, 历次进展, 亮灯规则.

Written by :func:`govtasks.write_report` after the main sheet when the report has an
assessment (every report :func:`govtasks.merge` makes). Counts are numbers and shares are
numbers in a percent format, never formulas (a formula's cached value would read as 0).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from govtasks.io.textfit import row_height
from govtasks.periods import Period
from govtasks.report.history import LIGHTS_SHEET
from govtasks.report.model import Report
from govtasks.report.rules import GREEN, RED, RULES_SHEET, YELLOW
from govtasks.report.stats import (
    COUNTED,
    Stats,
    compute_stats,
    lights_sentence,
    overall_sentence,
    percent,
    scope_word,
    stats_rows,
    status_rows,
)
from govtasks.report.write import (
    _TOO_LONG,
    MAX_CELL,
    _blank_borders,
    _header,
    _page_setup,
    _table_sheet,
    _title,
    _widths,
    _write_row,
)

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

STATS_SHEET = "统计"
HISTORY_SHEET = "历次进展"
LIGHT_COLORS = {GREEN: ("#C6EFCE", "#006100"), YELLOW: ("#FFEB9C", "#9C5700"), RED: ("#FFC7CE", "#9C0006"),
                "": ("#E7E6E6", "#3A3838")}
STATUS_COLORS = ("#70AD47", "#5B9BD5", "#FFC000", "#ED7D31", "#A5A5A5")
"""Chart colours of 已完成, 序时推进, 滞后, 未启动, 未报送."""
STATS_HEAD = (("类别", 9), ("名称", 26), ("任务数", 7), *((s, 8) for s in COUNTED), *((f"{s}占比", 8) for s in COUNTED),
              ("绿灯", 6), ("黄灯", 6), ("红灯", 6), ("报送情况", 9), ("是否按时", 9))
LIGHT_COLUMNS = (("序号", 6), ("目标与任务", 30), ("牵头单位", 14), ("完成时限", 12), ("序时进度", 8), ("各牵头单位状态", 18),
                 ("综合状态", 9), ("亮灯", 7), ("亮灯原因", 44), ("上期状态", 9), ("上期亮灯", 7), ("变化", 18),
                 ("标记", 12), ("任务编号", 9))
"""The 亮灯情况 sheet; 任务编号 (hidden) is last."""
CHART_ROW_PX = 16
CHART_UNITS = 40
"""Units in the chart by unit; with more, the ones with most tasks not on track."""
MAX_CHART_PX = 4000


def period_note(report: Report) -> str:
    """``报告期：2024Q2（2024年第二季度）；序时进度50.0%``: the first part is what read_history reads back."""
    if not report.period:
        return "未指定报告期（不计完成时限和序时进度）"
    period = Period.parse(report.period)
    return f"报告期：{period.code}（{period.label}）；序时进度{percent(period.elapsed_share())}"


def write_leader_sheets(wb: Workbook, fmt: dict[str, Any], report: Report) -> None:
    """统计, 亮灯情况 and (with earlier periods) 历次进展."""
    if report.assessment is None:
        return
    stats = compute_stats(report)
    _stats_sheet(wb, fmt, report, stats)
    _lights_sheet(wb, fmt, report)
    if report.assessment.history is not None and report.assessment.history.periods:
        _history_sheet(wb, fmt, report)


# --- 统计 ------------------------------------------------------------------------------------------

def _stats_sheet(wb: Workbook, fmt: dict[str, Any], report: Report, stats: Stats) -> None:
    ws = _table_sheet(wb, STATS_SHEET)
    last = len(STATS_HEAD) - 1
    scope = scope_word(report.title)
    note = f"{period_note(report)}。{overall_sentence(stats, scope)}{lights_sentence(stats)}"
    _title(ws, fmt, f"{report.title}（{STATS_SHEET}）", note, last)
    _header(ws, fmt, 2, STATS_HEAD)
    share = wb.add_format({**_BASE, "align": "center", "num_format": "0.0%"})
    number, center, body = (wb.add_format({**_BASE, "align": "center"}), fmt["center"], fmt["body"])
    kinds = [center, body, number] + [number] * len(COUNTED) + [share] * len(COUNTED) + [number] * 3 + [center] * 2
    rows = stats_rows(stats)
    first_section = 4
    first_unit = first_section + len(stats.sections)
    # XlsxWriter caches a chart's values from the cells it reads, so the charted rows are cells;
    # the others (1,500 units in a province) are text rows
    charted = range(first_section, first_unit + len(stats.units) if len(stats.units) <= CHART_UNITS else first_unit)
    for r, values in enumerate(rows, start=3):
        if r not in charted:
            ws.text_row(r, [v if isinstance(v, (int, float)) else str(v or "") for v in values], kinds, 15)
            continue
        for c, (value, f) in enumerate(zip(values, kinds)):
            if isinstance(value, (int, float)):
                ws.write_number(r, c, value, f)
            elif value:
                ws.write_string(r, c, str(value), f)
    _blank_borders(ws, fmt, 3, 2 + len(rows), len(STATS_HEAD))
    right = len(STATS_HEAD) + 1
    _chart(wb, ws, "各标题任务完成状态", (first_section, first_unit - 1), (3, right))
    end = _timeliness_block(ws, fmt, stats, 4 + len(rows), last)
    if len(stats.units) <= CHART_UNITS:
        _chart(wb, ws, "各牵头单位任务完成状态", (first_unit, first_unit + len(stats.units) - 1), (24, right))
    else:  # a chart of 1,000 bars reads as nothing: the units with most tasks not on track, their counts below
        end = _chart_units(ws, fmt, stats, end + 2, number)
        _chart(wb, ws, f"未完成任务较多的{CHART_UNITS}个牵头单位", (end - CHART_UNITS + 1, end), (24, right))
    ws.freeze_panes(3, 2)
    _page_setup(ws, 2, end, last)


def _chart_units(ws: Worksheet, fmt: dict[str, Any], stats: Stats, r: int, number: Any) -> int:
    """The chart's data: the CHART_UNITS units with most 滞后 + 未启动 + 未报送 tasks; returns the last row."""
    ws.merge_range(r, 0, r, len(STATS_HEAD) - 1, f"图表数据：滞后、未启动、未报送任务较多的{CHART_UNITS}个牵头单位", fmt["section"])
    worst = sorted(stats.units, key=lambda c: -(c.tasks - c.count(COUNTED[0]) - c.count(COUNTED[1])))[:CHART_UNITS]
    for i, c in enumerate(worst, start=r + 1):
        ws.write_string(i, 0, c.kind, fmt["center"])
        ws.write_string(i, 1, c.name, fmt["body"])
        ws.write_number(i, 2, c.tasks, number)
        for k, n in enumerate(c.statuses):
            ws.write_number(i, 3 + k, n, number)
    return r + len(worst)


_BASE = {"font_name": "仿宋", "font_size": 11, "text_wrap": True, "valign": "vcenter", "border": 1}


def _chart(wb: Workbook, ws: Worksheet, title: str, rows: tuple[int, int], at: tuple[int, int]) -> None:
    """A stacked bar chart of the five statuses for rows ``first``..``last`` (0-based) of the 统计 sheet."""
    first, last = rows
    if last < first:
        return
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    for i, color in enumerate(STATUS_COLORS):  # one series per status of COUNTED
        chart.add_series({"name": [STATS_SHEET, 2, 3 + i], "categories": [STATS_SHEET, first, 1, last, 1],
                          "values": [STATS_SHEET, first, 3 + i, last, 3 + i], "fill": {"color": color},
                          "gap": 60})
    chart.set_title({"name": title, "name_font": {"name": "黑体", "size": 12}})
    chart.set_y_axis({"reverse": True, "num_font": {"name": "仿宋", "size": 9}})
    chart.set_x_axis({"name": "任务数（项）", "num_font": {"name": "仿宋", "size": 9}})
    chart.set_legend({"position": "bottom", "font": {"name": "仿宋", "size": 9}})
    height = min(MAX_CHART_PX, max(300, 80 + CHART_ROW_PX * (last - first + 1)))
    chart.set_size({"width": 640, "height": height})
    ws.insert_chart(at[0], at[1], chart)


def _timeliness_block(ws: Worksheet, fmt: dict[str, Any], stats: Stats, r: int, last: int) -> int:
    """报送及时率 and the late and missing units, below the table; returns the last row used."""
    t = stats.timeliness
    ws.merge_range(r, 0, r, last, "报送情况", fmt["section"])
    due = f"报送截止日期{t.due.year}年{t.due.month}月{t.due.day}日" if t.due else "未设报送截止日期（不计按时/逾期）"
    rate = percent(t.rate) if t.rate is not None else "—"
    lines = [f"{due}；应报送单位{t.units}个，已报送{t.returned}个（报送率{percent(t.returned_rate)}），"
             f"按时报送{t.on_time}个，报送及时率{rate}。",
             f"逾期报送（{len(t.late)}个）：{'、'.join(t.late) or '无'}",
             f"未报送（{len(t.missing)}个）：{'、'.join(t.missing) or '无'}"]
    for i, text in enumerate(lines, start=1):
        ws.merge_range(r + i, 0, r + i, last, text, fmt["note"])
        ws.set_row(r + i, 15 * (1 + len(text) // 120))
    return r + len(lines)


# --- 亮灯情况 --------------------------------------------------------------------------------------

def _light_formats(wb: Workbook, fmt: dict[str, Any]) -> dict[str, list[Any]]:
    """Per light, the row's formats (the 亮灯 cell filled in its colour)."""
    center, body = fmt["center"], fmt["body"]
    out = {}
    for light, (fill, font) in LIGHT_COLORS.items():
        lit = wb.add_format({**_BASE, "align": "center", "bold": True, "bg_color": fill, "font_color": font})
        out[light] = [center, body, center, center, center, center, center, lit, body, center, center, body, body,
                      center]
    return out


def _lights_sheet(wb: Workbook, fmt: dict[str, Any], report: Report) -> None:
    ws = _table_sheet(wb, LIGHTS_SHEET)
    visible = len(LIGHT_COLUMNS) - 1
    note = f"{period_note(report)}；亮灯规则见“{RULES_SHEET}”工作表（docs/status.md）。"
    _title(ws, fmt, f"{report.title}（{LIGHTS_SHEET}）", note, visible - 1)
    _header(ws, fmt, 2, LIGHT_COLUMNS)
    ws.set_column(visible, visible, 9, None, {"hidden": True})
    widths = _widths(LIGHT_COLUMNS)
    formats = _light_formats(wb, fmt)
    rows = status_rows(report)
    tall = (1, 2, 5, 8, 11)  # the columns whose text can wrap: the row is as high as they need
    for r, row in enumerate(rows, start=3):
        task_id, number, _, text, lead, deadline, expected, units, status, light, reason, *rest = row
        values = [number, text, lead, deadline, expected, units, status, light, reason, *rest, task_id]
        _row(ws, r, values, formats.get(light, formats[""]), [(values[c], widths[c]) for c in tall])
    _blank_borders(ws, fmt, 3, 2 + len(rows), visible)
    ws.autofilter(2, 0, 2 + len(rows), visible - 1)
    _page_setup(ws, 2, 2 + len(rows), visible - 1)


def write_rules_sheet(wb: Workbook, fmt: dict[str, Any], report: Report) -> None:
    """亮灯规则: the rules this report used, in the layout read_rules reads (a report is a rules workbook)."""
    if report.assessment is None:
        return
    from govtasks.report.rules import RULE_HELP

    ws = _table_sheet(wb, RULES_SHEET)
    columns = (("规则", 20), ("值", 60), ("说明", 60))
    _title(ws, fmt, f"{report.title}（{RULES_SHEET}）", "本表所用的完成状态和亮灯规则；可修改“值”后用 --rules 读入。", 2)
    _header(ws, fmt, 2, columns)
    widths = _widths(columns)
    fmts = [fmt["center"], fmt["body"], fmt["body"]]
    table = report.assessment.rules.table()
    for r, (label, value, name) in enumerate(table, start=3):
        _write_row(ws, r, [label, value, RULE_HELP.get(name, "")], widths, fmts)
    _page_setup(ws, 2, 2 + len(table), 2)


# --- 历次进展 --------------------------------------------------------------------------------------

def _history_sheet(wb: Workbook, fmt: dict[str, Any], report: Report) -> None:
    assessment = report.assessment
    assert assessment is not None and assessment.history is not None
    periods = assessment.history.before(report.period)
    ws = _table_sheet(wb, HISTORY_SHEET)
    now = Period.parse(report.period).label if report.period else "本期"
    columns: list[tuple[str, float]] = [("序号", 6), ("目标与任务", 30), ("牵头单位", 14)]
    columns += [(p.label, 40) for p in periods] + [(f"{now}（本期）", 40), ("任务编号", 9)]
    visible = len(columns) - 1
    _title(ws, fmt, f"{report.title}（{HISTORY_SHEET}）", f"各期进展情况并列（共{len(periods) + 1}期），"
           "每格首行为该期的综合状态和亮灯。", visible - 1)
    _header(ws, fmt, 2, columns)
    ws.set_column(visible, visible, 9, None, {"hidden": True})
    widths = _widths(columns)
    fmts = [fmt["center"], fmt["body"], fmt["center"], *([fmt["body"]] * (len(periods) + 1)), fmt["center"]]
    statuses = assessment.by_task()
    tall = [(c, widths[c]) for c in range(1, visible)]
    for r, row in enumerate(report.tasks, start=3):
        past = [_cell(p.tasks[row.task_id].status, p.tasks[row.task_id].light, p.tasks[row.task_id].progress)
                if row.task_id in p.tasks else "（无此任务）" for p in periods]
        st = statuses[row.task_id]
        values = [row.number, row.text, "、".join(row.lead), *past, _cell(st.status, st.light, row.progress),
                  row.task_id]
        _row(ws, r, values, fmts, [(values[c], w) for c, w in tall])
    _blank_borders(ws, fmt, 3, 2 + len(report.tasks), visible)
    _page_setup(ws, 2, 2 + len(report.tasks), visible - 1)


def _row(ws: Any, r: int, values: list[str], fmts: Sequence[Any], tall: list[tuple[str, float]]) -> None:
    """A text row as high as its wrapping columns need (a text longer than a cell holds is cut, as in write.py)."""
    if max(map(len, values)) > MAX_CELL:
        values = [v[: MAX_CELL - len(_TOO_LONG)] + _TOO_LONG if len(v) > MAX_CELL else v for v in values]
    ws.text_row(r, values, fmts, row_height(tall))


def _cell(status: str, light: str, progress: str) -> str:
    head = "·".join(x for x in (status, f"{light}灯" if light else "") if x)
    return f"〔{head}〕\n{progress}" if head else progress
