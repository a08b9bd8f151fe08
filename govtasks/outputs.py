"""What govtasks' own outputs carry to be told apart, and how to tell them. Part of the core.

Every stage reads files that may be another stage's output given to the wrong command: a
report given as the breakdown, a returned form given to ``import``, the breakdown or a report
dropped into the returns folder. The marks live here, below every stage, so that each reader
can recognise all of them: a form's ``_meta`` sheet (表单类型), the report's sheet names, the
standard workbook's 说明 sheet.
"""

from __future__ import annotations

from typing import Mapping, Sequence

FORM_TYPE = "govtasks重点工作进展情况表"
"""表单类型 in every form's ``_meta`` sheet."""
META_SHEET = "_meta"
LISTS_SHEET = "_lists"
"""The default form's hidden sheet feeding the 完成状态 drop-down."""
REPORT_MAIN_SHEET = "重点工作进展情况"
REPORT_STATUS_SHEET = "填报情况"
REPORT_ISSUES_SHEET = "问题清单"
STANDARD_SHEET = "任务分解"
STANDARD_INFO_SHEET = "说明"
STANDARD_MARK = "govtasks 标准任务分解表"
"""Written in the standard workbook's 说明 sheet (格式 row)."""

KIND_LABELS = {"form": "单位报回的重点工作进展情况表", "report": "govtasks 汇总表（重点工作进展和完成情况）",
               "standard": "标准任务分解表"}

Grid = Sequence[Sequence[str]]


def form_meta(sheets: Mapping[str, Grid]) -> dict[str, str]:
    """Key → value of a form's ``_meta`` sheet (found by name, else by its 表单类型 row); {} when absent."""
    for name in sorted(sheets, key=lambda n: n != META_SHEET):
        pairs = {r[0].strip(): r[1].strip() for r in sheets[name][:40] if len(r) >= 2 and r[0].strip()}
        if pairs.get("表单类型") == FORM_TYPE:
            return pairs
    return {}


def kind_of(sheets: Mapping[str, Grid]) -> str | None:
    """``"form"``, ``"report"`` or ``"standard"`` for a workbook govtasks wrote (sheet name → rows);
    None for any other workbook."""
    if form_meta(sheets):
        return "form"
    if {REPORT_MAIN_SHEET, REPORT_STATUS_SHEET, REPORT_ISSUES_SHEET} <= set(sheets):
        return "report"
    info = sheets.get(STANDARD_INFO_SHEET, ())
    if STANDARD_SHEET in sheets and any(STANDARD_MARK in cell for row in info for cell in row):
        return "standard"
    return None
