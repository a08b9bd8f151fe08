"""Build the default per-unit progress form templates in templates/.

    python examples/rebuild/form_template.py [OUT_DIR]     # default: templates/

Writes ``form.xlsx``, ``form_previous.xlsx`` (the same form with a read-only
上期进展 column, used when ``write_forms(previous=...)`` is given), and for the lead
round of a two-round collection ``form_lead.xlsx`` and ``form_lead_previous.xlsx``
(with a read-only 配合单位反馈 column: ``write_forms(round="lead")``). They are
ordinary workbooks that could have been designed in Excel or WPS; this script
only makes them reproducible. The engine (govtasks/templates.py) reads:

* sheet 进展情况表: title, 填报说明, a unit/period line, the header row, a section
  row (defined name ``section``), the task row (defined name ``tasks``) and the
  填报人 / 联系电话 / 审核领导 row;
* sheet ``_lists`` (hidden): the 完成状态 vocabulary the drop-down points at.

Template variables are documented in templates/README.md.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import xlsxwriter

REPO = Path(__file__).resolve().parent.parent.parent
SHEET = "进展情况表"
STATUS = ("已完成", "序时推进", "滞后", "未启动")

# (header label, width, task-row cell, kind): kind is "id", "info" (locked) or "answer" (unlocked).
COLUMNS: tuple[tuple[str, float, str, str], ...] = (
    ("任务编号", 10, "{{ task.id }}", "id"),
    ("序号", 5, "{{ task.number }}", "info"),
    ("任务内容", 34, "{{ task.text }}", "info"),
    ("完成时限", 10, "{{ task.deadline }}", "info"),
    ("牵头单位", 12, "{{ task.lead }}", "info"),
    ("责任单位", 14, "{{ task.coop }}", "info"),
    ("本单位职责", 6, "{{ task.role }}", "info"),
    ("完成状态", 9, "", "answer"),
    ("进展情况", 34, "", "answer"),
    ("存在问题", 16, "", "answer"),
    ("下步计划", 16, "", "answer"),
    ("备注", 8, "", "answer"),
)
PREVIOUS = ("上期进展", 24, "{{ task.previous }}", "info")
FEEDBACK = ("配合单位反馈", 30, "{{ task.coop_feedback }}", "info")

TITLE = "{{ unit.name }}{{ period.label }}重点工作进展情况表{% if round.code %}（{{ round.label }}）{% endif %}"
NOTE = ("{{ round.note }}填报说明：请在“完成状态”栏下拉选择（已完成、序时推进、滞后、未启动），在“进展情况”“存在问题”“下步计划”栏"
        "如实填写截至{{ period.end.year }}年{{ period.end.month }}月{{ period.end.day }}日的工作进展；"
        "白色单元格为任务信息，请勿修改；请勿增删行列、修改工作表名称，填好后按原文件报送。")
UNIT_LINE = ("填报单位：{{ unit.name }}　　报告期：{{ period.label }}　　"
             "{% if round.code == 'coop' %}本单位配合任务 {{ unit.coop_count }} 项"
             "{% elif round.code == 'lead' %}本单位牵头任务 {{ unit.lead_count }} 项"
             "{% else %}本单位牵头任务 {{ unit.lead_count }} 项、配合任务 {{ unit.coop_count }} 项{% endif %}")
"""In two rounds a form lists only the round's tasks (round one: cooperating; round two: led)."""
SECTION = ("{% if section.level == 0 %}本单位{{ section.title }}（{{ section.count }}项）"
           "{% elif section.last %}{{ section.path }}{% endif %}")
"""One heading row per role block and per change of the task's section path (shown in full)."""


def columns(previous: bool, lead: bool = False) -> tuple[tuple[str, float, str, str], ...]:
    """The template's columns; 上期进展 and then 配合单位反馈 go right before 完成状态."""
    extra = ((PREVIOUS,) if previous else ()) + ((FEEDBACK,) if lead else ())
    at = [c[0] for c in COLUMNS].index("完成状态")
    return COLUMNS[:at] + extra + COLUMNS[at:]


def _formats(wb: xlsxwriter.Workbook) -> dict[str, xlsxwriter.format.Format]:
    body = {"font_name": "仿宋", "font_size": 11, "text_wrap": True, "valign": "vcenter", "border": 1}
    return {
        "title": wb.add_format({"font_name": "黑体", "font_size": 18, "align": "center", "valign": "vcenter"}),
        "note": wb.add_format({"font_name": "仿宋", "font_size": 10, "text_wrap": True, "valign": "vcenter"}),
        "line": wb.add_format({"font_name": "仿宋", "font_size": 11, "valign": "vcenter"}),
        "head": wb.add_format({"font_name": "黑体", "font_size": 11, "align": "center", "valign": "vcenter",
                               "text_wrap": True, "border": 1, "bg_color": "#D9D9D9"}),
        "section": wb.add_format({"font_name": "黑体", "font_size": 11, "valign": "vcenter", "text_wrap": True,
                                  "border": 1, "bg_color": "#F2F2F2"}),
        "id": wb.add_format({**body, "font_name": "Arial", "font_size": 9}),
        "info": wb.add_format(body),
        "center": wb.add_format({**body, "align": "center"}),
        "answer": wb.add_format({**body, "locked": False, "bg_color": "#FFF2CC"}),
        "status": wb.add_format({**body, "locked": False, "bg_color": "#FFF2CC", "align": "center"}),
        "label": wb.add_format({"font_name": "仿宋", "font_size": 11, "align": "right", "valign": "vcenter"}),
        "input": wb.add_format({"font_name": "仿宋", "font_size": 11, "valign": "vcenter", "bottom": 1,
                                "locked": False, "bg_color": "#FFF2CC"}),
    }


def _task_row(ws: object, cols: tuple, fmt: dict, row: int) -> None:
    centered = {"序号", "完成时限", "本单位职责"}
    for c, (label, _, cell, kind) in enumerate(cols):
        style = "status" if label == "完成状态" else "center" if label in centered else kind
        if cell:
            ws.write_string(row, c, cell, fmt[style])  # type: ignore[attr-defined]
        else:
            ws.write_blank(row, c, None, fmt[style])  # type: ignore[attr-defined]
    status = [c[0] for c in cols].index("完成状态")
    ws.data_validation(row, status, row, status, {  # type: ignore[attr-defined]
        "validate": "list", "source": f"=_lists!$A$1:$A${len(STATUS)}",
        "input_title": "完成状态", "input_message": "请从下拉列表选择：" + "、".join(STATUS),
        "error_title": "完成状态", "error_message": "请从下拉列表选择：" + "、".join(STATUS)})


def _footer_row(ws: object, cols: tuple, fmt: dict, row: int) -> None:
    """填报人 / 联系电话 / 审核领导: a right-aligned label, then a two-column input cell."""
    labels = [c[0] for c in cols]
    for label, at in (("填报人：", "任务内容"), ("联系电话：", "责任单位"), ("审核领导：", "进展情况")):
        c = labels.index(at)
        ws.write_string(row, c, label, fmt["label"])  # type: ignore[attr-defined]
        ws.merge_range(row, c + 1, row, c + 2, "", fmt["input"])  # type: ignore[attr-defined]


def _form_sheet(wb: xlsxwriter.Workbook, cols: tuple, fmt: dict) -> None:
    ws = wb.add_worksheet(SHEET)
    last = len(cols) - 1
    for c, (label, width, _, kind) in enumerate(cols):
        ws.set_column(c, c, width, None, {"hidden": kind == "id"})
    ws.merge_range(0, 1, 0, last, TITLE, fmt["title"])
    ws.merge_range(1, 1, 1, last, NOTE, fmt["note"])
    ws.merge_range(2, 1, 2, last, UNIT_LINE, fmt["line"])
    for c, (label, *_rest) in enumerate(cols):
        ws.write_string(3, c, label, fmt["head"])
    ws.merge_range(4, 1, 4, last, SECTION, fmt["section"])
    _task_row(ws, cols, fmt, 5)
    _footer_row(ws, cols, fmt, 7)
    for row, height in ((0, 36), (1, 30), (2, 20), (3, 30), (4, 20), (5, 48), (6, 8), (7, 24)):
        ws.set_row(row, height)
    ws.freeze_panes(4, 0)
    ws.repeat_rows(3)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.7)
    ws.set_footer("&C&\"仿宋\"&10第 &P 页 共 &N 页")
    ws.protect("", {"format_rows": True})
    end = xlsxwriter.utility.xl_col_to_name(last)
    wb.define_name("section", f"='{SHEET}'!$A$5:${end}$5")
    wb.define_name("tasks", f"='{SHEET}'!$A$6:${end}$6")


def build(out_dir: Path, *, previous: bool, lead: bool = False) -> Path:
    """Write one default template; returns its path."""
    path = out_dir / f"form{'_lead' if lead else ''}{'_previous' if previous else ''}.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": "重点工作进展情况表（govtasks 默认模板）", "created": dt.datetime(2000, 1, 1)})
    fmt = _formats(wb)
    _form_sheet(wb, columns(previous, lead), fmt)
    lists = wb.add_worksheet("_lists")
    lists.write_column(0, 0, STATUS)
    lists.hide()
    wb.close()
    return path


def build_all(out_dir: Path) -> list[Path]:
    """Every default template: one round (with and without 上期进展), and the lead round's two."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [build(out_dir, previous=previous, lead=lead) for lead in (False, True) for previous in (False, True)]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "templates"
    for written in build_all(target):
        print(written)
