"""Returned forms for tests: a clerk's edits (openpyxl) and the anomalies units really produce.

``contract_form`` writes a form exactly as docs/form-contract.md describes it,
so returns tests do not depend on govtasks.forms; the pipeline tests use the
real ``write_forms``. Everything else works on any form: columns are found by
their header labels, as a clerk would find them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import warnings
from pathlib import Path
from typing import Callable, Mapping

import openpyxl
import xlsxwriter

from govtasks.breakdown.standard import fingerprint
from govtasks.model import Breakdown
from govtasks.periods import Period

HEADER = ("任务编号", "序号", "任务内容", "完成时限", "牵头单位", "责任单位", "本单位职责", "完成状态", "进展情况", "存在问题",
          "下步计划", "备注")
ANSWER_LABELS = {"status": "完成状态", "progress": "进展情况", "problems": "存在问题", "next": "下步计划", "note": "备注"}
Answers = Mapping[str, Mapping[str, str]]
"""task ID → {field: text}, fields as in ANSWER_LABELS."""


def contract_form(path: Path, bd: Breakdown, unit: str, period: str, *, generated: str = "2024-06-20T09:00:00",
                  sections: bool = True, answers: Answers | None = None) -> Path:
    """A form as the contract describes it (title, note, header at row 4, hidden ID column, _lists, _meta);
    with ``answers`` already filled in (written with XlsxWriter: fast for many returns)."""
    per = Period.parse(period)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet("进展情况表")
    ws.set_column(0, 0, 10, None, {"hidden": True})
    ws.merge_range(0, 1, 0, 11, f"{unit}{per.label}重点工作进展情况表")
    ws.merge_range(1, 1, 1, 11, "填报说明：请在“完成状态”栏下拉选择，在“进展情况”等栏如实填写。")
    ws.merge_range(2, 1, 2, 11, f"填报单位：{unit}　　报告期：{per.label}")
    for c, label in enumerate(HEADER):
        ws.write_string(3, c, label)
    r, path_now = 4, ()
    for task in bd.for_unit(unit):
        if sections and task.path and task.path != path_now:
            ws.merge_range(r, 1, r, 11, task.path[-1])
            r, path_now = r + 1, task.path
        values = (task.id, task.number, task.text, task.deadline.text, "、".join(task.lead), "、".join(task.coop),
                  task.role_of(unit) or "")
        for c, value in enumerate(values):
            ws.write_string(r, c, value)
        for fld, text in (answers or {}).get(task.id, {}).items():
            ws.write_string(r, HEADER.index(ANSWER_LABELS[fld]), text)
        r += 1
    ws.write_string(r + 1, 2, "填报人：")
    ws.write_string(r + 1, 5, "联系电话：")
    lists = wb.add_worksheet("_lists")
    for i, s in enumerate(("已完成", "序时推进", "滞后", "未启动")):
        lists.write_string(i, 0, s)
    lists.hide()
    meta = wb.add_worksheet("_meta")
    pairs = (("表单类型", "govtasks重点工作进展情况表"), ("单位", unit), ("期间", per.code), ("期间名称", per.label),
             ("分解表指纹", fingerprint(bd)), ("模板版本", "1"), ("生成时间", generated), ("数据表", "进展情况表"),
             ("表头行", "4"), ("任务编号列", "A"))
    for i, (k, v) in enumerate(pairs):
        meta.write_string(i, 0, k)
        meta.write_string(i, 1, v)
    meta.very_hidden()
    wb.close()
    return path


# --- a clerk with openpyxl ---------------------------------------------------------

def _load(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():  # openpyxl warns about parts it drops (x14 validations …)
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


def form_meta(path: Path) -> dict[str, str]:
    """The form's _meta sheet as key → value."""
    wb = _load(path)
    return {str(r[0]): str(r[1]) for r in wb["_meta"].iter_rows(values_only=True) if r[0]}


def form_sheet(wb: openpyxl.Workbook):
    """The sheet with the form's header, and {label: column index (1-based)}, header row."""
    for ws in wb.worksheets:
        if ws.title.startswith("_"):
            continue
        for row in ws.iter_rows(min_row=1, max_row=40):
            labels = {str(c.value).strip(): c.column for c in row if isinstance(c.value, str)}
            if "进展情况" in labels and ("任务编号" in labels or "任务内容" in labels):
                return ws, labels, row[0].row
    raise AssertionError("no form sheet")


def task_rows(ws, labels: dict[str, int], header_row: int) -> dict[str, int]:
    """task ID → row number."""
    col = labels["任务编号"]
    out = {}
    for r in range(header_row + 1, ws.max_row + 1):
        value = ws.cell(r, col).value
        if isinstance(value, str) and value.strip():
            out[value.strip()] = r
    return out


def fill_form(path: Path, answers: Answers, *, out: Path | None = None, contact: tuple[str, str] | None = None,
              modified: dt.datetime | None = None, literal: bool = True) -> Path:
    """Type answers into a form as a clerk would; ``literal`` stores "=…" text as text (not a formula)."""
    wb = _load(path)
    ws, labels, header_row = form_sheet(wb)
    rows = task_rows(ws, labels, header_row)
    for task_id, fields in answers.items():
        for fld, text in fields.items():
            cell = ws.cell(rows[task_id], labels[ANSWER_LABELS[fld]])
            cell.value = text
            if literal and isinstance(text, str) and text.startswith("="):
                cell.data_type = "s"
    if contact:
        _write_contact(ws, header_row, contact)
    target = out or path
    wb.save(target)
    if modified is not None:
        set_saved(target, modified)
    return target


def set_saved(path: Path, when: dt.datetime) -> Path:
    """Pin the workbook's last-saved time (docProps/core.xml; openpyxl always writes "now")."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {i: z.read(i.filename) for i in z.infolist()}
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ").encode()  # naive = local time
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts.items():
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            z.writestr(info, data)
    return path


def _write_contact(ws, header_row: int, contact: tuple[str, str]) -> None:
    for r in range(header_row + 1, ws.max_row + 1):
        for c in range(1, ws.max_column + 1):
            value = ws.cell(r, c).value
            if value in ("填报人：", "联系电话："):
                ws.cell(r, c + 1).value = contact[0] if value == "填报人：" else contact[1]


def edit(path: Path, change: Callable, out: Path | None = None) -> Path:
    """Load with openpyxl, call ``change(ws, labels, header_row)``, save."""
    wb = _load(path)
    ws, labels, header_row = form_sheet(wb)
    change(ws, labels, header_row)
    wb.save(out or path)
    return out or path


# --- anomalies -------------------------------------------------------------------------

def _unmerge_all(ws) -> None:
    for rng in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(rng))


def reverse_rows(path: Path, *, with_ids: bool = True) -> Path:
    """Reverse the task rows (whole rows; or, ``with_ids=False``, every column but the hidden ID column)."""
    def change(ws, labels, header_row):
        rows = sorted(task_rows(ws, labels, header_row).values())
        first = 1 if with_ids else labels["任务编号"] + 1
        values = [[ws.cell(r, c).value for c in range(first, ws.max_column + 1)] for r in rows]
        for r, vals in zip(rows, reversed(values)):
            for c, v in enumerate(vals, start=first):
                ws.cell(r, c).value = v
    return edit(path, change)


def delete_id_column(path: Path) -> Path:
    def change(ws, labels, header_row):
        _unmerge_all(ws)
        ws.delete_cols(labels["任务编号"])
    return edit(path, change)


def insert_rows(path: Path, before_task: str, texts: list[str], *, header_down: int = 0) -> Path:
    """Insert explanatory rows before a task's row (text in 进展情况), and move the header down."""
    def change(ws, labels, header_row):
        _unmerge_all(ws)
        r = task_rows(ws, labels, header_row)[before_task]
        ws.insert_rows(r, len(texts))
        for i, text in enumerate(texts):
            ws.cell(r + i, labels["进展情况"]).value = text
        if header_down:
            ws.insert_rows(1, header_down)
    return edit(path, change)


def copy_table_to_new_workbook(path: Path, out: Path, *, skip_id: bool = True, sheet: str = "Sheet1") -> Path:
    """Copy the table (header and everything below) into a fresh workbook, as values; drops title and _meta."""
    wb = _load(path)
    ws, labels, header_row = form_sheet(wb)
    first = labels["任务编号"] + 1 if skip_id else 1
    new = openpyxl.Workbook()
    target = new.active
    target.title = sheet
    for r in range(header_row, ws.max_row + 1):
        for c in range(first, ws.max_column + 1):
            value = ws.cell(r, c).value
            if value is not None:
                cell = target.cell(r - header_row + 1, c - first + 1, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"
    new.save(out)
    return out


def corrupt(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3] + b"\x00garbage" * 50)
    return path


def set_time(path: Path, when: dt.datetime) -> Path:
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def resave_with_libreoffice(paths: list[Path], fmt: str, outdir: Path) -> list[Path]:
    """Re-save several files as .xls/.ods in ONE LibreOffice call; outputs keep their stems."""
    from govtasks.io.libreoffice import convert_with_libreoffice

    work = outdir / f".lo-{fmt}"
    converted = convert_with_libreoffice(paths, work, fmt=fmt)
    out = []
    for src in paths:
        got = converted[src]
        assert got is not None, f"LibreOffice did not convert {src.name}"
        target = outdir / f"{src.stem}.{fmt}"
        shutil.move(got, target)
        out.append(target)
    shutil.rmtree(work, ignore_errors=True)
    return out
