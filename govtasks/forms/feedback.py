"""The cooperating units' answers a lead unit is given in round two, as a sheet or a workbook.

Every lead-round form gets a protected sheet 配合单位反馈 after the form sheet: per task it
leads, each cooperating unit's round-one answer in full (完成状态 … 备注) and the cell it came
from (来源, ``file!sheet!cell``); a cooperating unit that sent nothing is listed as 未收到. The
returns reader reads this sheet back, so the office's report can say which cooperating
answers fed each task. ``write_forms(…, coop_workbook=True)`` also writes the same table as
a small workbook per lead unit (``<单位>_<期间名称>_配合单位反馈汇总.xlsx``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from govtasks.forms.rounds import Feedback
from govtasks.io.textfit import row_height
from govtasks.model import Task

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

FEEDBACK_SHEET = "配合单位反馈"
FEEDBACK_COLUMNS: tuple[tuple[str, float], ...] = (
    ("任务编号", 9), ("序号", 5), ("任务内容", 30), ("配合单位", 14), ("完成状态", 9), ("进展情况", 44),
    ("存在问题", 20), ("下步计划", 20), ("备注", 10), ("来源", 30))
HEADER_ROW = 2
"""0-based row of the sheet's header (below the title and the note)."""
NOT_RECEIVED = "未收到该单位的反馈"


def _rows(tasks: Sequence[Task], feedback: Mapping[str, Sequence[Feedback]]) -> list[list[str]]:
    out = []
    for task in tasks:
        items = list(feedback.get(task.id, ()))
        answered = {f.unit for f in items}
        for f in items:
            out.append([task.id, task.number, task.text, f.unit, f.status, f.progress, f.problems, f.next_steps,
                        f.note, str(f.source or "")])
        for unit in task.coop:
            if unit not in answered:
                out.append([task.id, task.number, task.text, unit, "", "", "", "", "", NOT_RECEIVED])
    return out


def write_feedback_sheet(wb: Workbook, unit: str, period_label: str, tasks: Sequence[Task],
                         feedback: Mapping[str, Sequence[Feedback]], *, password: str | None = None) -> None:
    """Add the protected sheet 配合单位反馈 for one lead unit's tasks."""
    ws = wb.add_worksheet(FEEDBACK_SHEET)
    body = {"font_name": "仿宋", "font_size": 11, "text_wrap": True, "valign": "vcenter", "border": 1}
    title = wb.add_format({"font_name": "黑体", "font_size": 16, "align": "center", "valign": "vcenter"})
    note = wb.add_format({"font_name": "仿宋", "font_size": 10, "text_wrap": True, "valign": "vcenter"})
    head = wb.add_format({**body, "font_name": "黑体", "align": "center", "bg_color": "#D9D9D9"})
    cell = wb.add_format(body)
    last = len(FEEDBACK_COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, f"{unit}{period_label}牵头任务的配合单位反馈", title)
    ws.merge_range(1, 0, 1, last, "以下为各配合单位报来的情况（第一轮），供综合填报“进展情况”时参考；本表只读。"
                                  "“来源”为配合单位报表中的位置。", note)
    ws.set_row(0, 30)
    ws.set_row(1, 20)
    widths = [w for _, w in FEEDBACK_COLUMNS]
    for c, (label, width) in enumerate(FEEDBACK_COLUMNS):
        ws.set_column(c, c, width)
        ws.write_string(HEADER_ROW, c, label, head)
    for r, values in enumerate(_rows(tasks, feedback), start=HEADER_ROW + 1):
        for c, value in enumerate(values):
            ws.write_string(r, c, value, cell) if value else ws.write_blank(r, c, None, cell)
        ws.set_row(r, row_height(zip(values, widths)))
    _page(ws, last)
    ws.protect(password or "", {"format_rows": True, "format_columns": True})


def _page(ws: Any, last: int) -> None:
    ws.repeat_rows(HEADER_ROW)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C第 &P 页，共 &N 页")


def write_feedback_workbook(path: Path, unit: str, period_label: str, tasks: Sequence[Task],
                            feedback: Mapping[str, Sequence[Feedback]]) -> Path:
    """One lead unit's cooperating answers as a workbook of their own (written atomically)."""
    from govtasks.io.xlsxout import PINNED_TIME, atomic_workbook

    with atomic_workbook(path) as wb:
        wb.set_properties({"title": f"{unit}{period_label}配合单位反馈汇总", "created": PINNED_TIME})
        write_feedback_sheet(wb, unit, period_label, tasks, feedback)
    return path
