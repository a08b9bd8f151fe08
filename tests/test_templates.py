"""Form templates: compiling, variable checks with the template cell, styles carried, the default template.

Templates here are small real workbooks written with XlsxWriter (as Excel or
WPS would save them); forms are read back with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from conftest import REPO, rebuild_module

import govtasks as gt
from govtasks.forms.template import default_template, load_template

GENERATED = dt.datetime(2024, 6, 20, 9, 0, 0)


def small_bd() -> gt.Breakdown:
    tasks = (
        gt.Task(id="T001", number="1", path=("一、稳增长",), text="地区生产总值增长7.5%左右。", lead=("市发改委",),
                coop=("市统计局",)),
        gt.Task(id="T002", number="2", path=("一、稳增长",), text="规上工业增加值增长8%左右。", lead=("市经信局",),
                coop=("市发改委",)),
    )
    return gt.Breakdown(title="2024年度重点工作任务分解", year=2024, tasks=tasks)


def template(path: Path, cells: dict[str, str], *, tasks_row: int | None = 2, section_row: int | None = None,
             sheet: str = "表") -> Path:
    """A one-sheet template: cells by A1 address; defined names tasks/section on whole rows (1-based)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = wb.add_worksheet(sheet)
    for ref, text in cells.items():
        ws.write_string(ref, text)
    if tasks_row:
        wb.define_name("tasks", f"='{sheet}'!$A${tasks_row}:$F${tasks_row}")
    if section_row:
        wb.define_name("section", f"='{sheet}'!$A${section_row}:$F${section_row}")
    wb.close()
    return path


TASK_ROW = {"A2": "{{ task.id }}", "B2": "{{ task.text }}"}


# --- the default template ---------------------------------------------------------------------

def test_default_template_variables() -> None:
    assert gt.check_template(default_template()) == {
        "unit.name", "unit.lead_count", "unit.coop_count", "period.label", "period.end", "section.level",
        "section.title", "section.count", "section.last", "section.path", "task.id", "task.number", "task.text",
        "task.deadline", "task.lead", "task.coop", "task.role", "round.code", "round.label", "round.note"}
    assert gt.check_template(default_template(previous=True)) - gt.check_template(default_template()) == {"task.previous"}
    lead = gt.check_template(default_template(round="lead"))
    assert lead - gt.check_template(default_template()) == {"task.coop_feedback"}
    assert gt.check_template(default_template(round="lead", previous=True)) - lead == {"task.previous"}


def test_default_template_layout() -> None:
    spec = load_template(default_template())
    form = spec.form
    assert (form.name, spec.header_row, spec.id_col) == ("进展情况表", 3, 0)
    assert form.region is not None and (form.region.section, form.region.task) == ((4, 4), (5, 5))
    header = next(r for r in form.rows if r.row == 3)
    assert [c.value for c in header.cells] == ["任务编号", "序号", "任务内容", "完成时限", "牵头单位", "责任单位", "本单位职责",
                                              "完成状态", "进展情况", "存在问题", "下步计划", "备注"]
    assert [s.name for s in spec.sheets] == ["进展情况表", "_lists"]


def _snapshot(path: Path) -> dict[str, object]:
    """What a rebuilt template must keep: cells, names, validations, merges, widths, heights, protection, setup."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, object] = {"names": sorted((n, d.attr_text) for n, d in wb.defined_names.items())}
    for ws in wb.worksheets:
        out[ws.title] = {
            "state": ws.sheet_state,
            "cells": {c.coordinate: (c.value, c.font.name, c.protection.locked) for row in ws.iter_rows() for c in row
                      if c.value is not None or c.has_style},
            "validations": sorted((str(v.sqref), v.type, v.formula1) for v in ws.data_validations.dataValidation),
            "merges": sorted(str(m) for m in ws.merged_cells.ranges),
            "widths": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items()},
            "heights": {k: d.height for k, d in ws.row_dimensions.items()},
            "protected": ws.protection.sheet, "titles": ws.print_title_rows, "footer": str(ws.oddFooter),
            "setup": (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToHeight),
        }
    wb.close()
    return out


def test_default_templates_are_reproducible(tmp_path: Path) -> None:
    built = rebuild_module("form_template").build_all(tmp_path)
    assert [p.name for p in built] == ["form.xlsx", "form_previous.xlsx", "form_lead.xlsx", "form_lead_previous.xlsx"]
    for path in built:
        committed = REPO / "templates" / path.name
        assert _snapshot(path) == _snapshot(committed), path.name
        assert path.read_bytes() == committed.read_bytes(), path.name  # XlsxWriter output is byte-stable


# --- errors name the template cell ---------------------------------------------------------------

@pytest.mark.parametrize(("cell", "text", "message"), [
    ("C1", "{{ unit.nmae }}", "未知变量 unit.nmae"),
    ("C1", "{{ units.name }}", "未知变量 units"),
    ("B2", "{{ task.txt }}", "未知变量 task.txt"),
    ("C1", "{{ unit.name ", "模板语法错误"),
    ("C1", "{% if unit.name %}x", "模板语法错误"),
    ("C1", "{{ task.text }}", "只能用在任务行"),
    ("B2", "{{ section.title }}", "只能用在标题行"),
])
def test_bad_variable_names_the_cell(tmp_path: Path, cell: str, text: str, message: str) -> None:
    path = template(tmp_path / "坏模板.xlsx", {**TASK_ROW, cell: text})
    with pytest.raises(gt.TemplateError) as err:
        gt.check_template(path)
    assert (err.value.file, err.value.sheet, err.value.cell) == ("坏模板.xlsx", "表", cell)
    assert str(err.value).startswith(f"坏模板.xlsx!表!{cell}: ") and message in str(err.value)


def test_write_forms_fails_on_misspelt_variable_before_writing(tmp_path: Path) -> None:
    path = template(tmp_path / "t.xlsx", {**TASK_ROW, "A1": "{{ unit.nmae }}进展表"})
    with pytest.raises(gt.TemplateError, match=r"t\.xlsx!表!A1: 未知变量 unit\.nmae") as err:
        gt.write_forms(small_bd(), tmp_path / "out", period="2024Q2", template=path)
    assert err.value.cell == "A1"
    assert not (tmp_path / "out").exists()


def test_render_error_names_cell_and_unit(tmp_path: Path) -> None:
    path = template(tmp_path / "t.xlsx", {**TASK_ROW, "C2": "{{ task.text.nope }}"})  # StrictUndefined at render time
    with pytest.raises(gt.TemplateError, match=r"t\.xlsx!表!C2: 生成“市发改委”的填报表时出错") as err:
        gt.write_forms(small_bd(), tmp_path / "out", period="2024Q2", template=path, units=["市发改委"])
    assert err.value.cell == "C2"


def test_template_needs_task_rows_and_id_cell(tmp_path: Path) -> None:
    with pytest.raises(gt.TemplateError, match="模板没有任务行"):
        gt.check_template(template(tmp_path / "a.xlsx", {"A1": "{{ unit.name }}"}, tasks_row=None))
    with pytest.raises(gt.TemplateError, match=r"任务行须有一个只含 \{\{ task\.id \}\} 的单元格"):
        gt.check_template(template(tmp_path / "b.xlsx", {"B2": "{{ task.text }}"}))
    with pytest.raises(gt.TemplateError, match="须紧挨任务行"):
        gt.check_template(template(tmp_path / "c.xlsx", {**TASK_ROW, "B4": "{{ section.title }}"}, section_row=4))


def test_merge_across_task_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("表")
    ws.write_string(0, 0, "{{ task.id }}")
    ws.merge_range(0, 1, 1, 1, "{{ task.text }}")
    wb.define_name("tasks", "='表'!$A$1:$F$1")
    wb.close()
    with pytest.raises(gt.TemplateError, match=r"m\.xlsx!表!B1:B2: 合并单元格跨越了重复的任务行") as err:
        gt.check_template(path)
    assert err.value.cell == "B1:B2"


def test_not_an_xlsx_template(tmp_path: Path) -> None:
    bad = tmp_path / "模板.xls"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(gt.WorkbookError, match=r"模板.xls: 模板须为 \.xlsx"):
        gt.check_template(bad)
    with pytest.raises(gt.WorkbookError, match="模板文件不存在"):
        gt.check_template(tmp_path / "missing.xlsx")


def test_task_rows_found_without_defined_name(tmp_path: Path) -> None:
    path = template(tmp_path / "t.xlsx", {"A1": "{{ unit.name }}", **TASK_ROW, "B3": "{{ task.role }}",
                                          "A5": "共{{ unit.task_count }}项"}, tasks_row=None)
    spec = load_template(path)
    assert spec.form.region is not None and spec.form.region.task == (1, 2)  # rows 2–3: one two-row block
    assert gt.check_template(path) == {"unit.name", "task.id", "task.text", "task.role", "unit.task_count"}


# --- what a template's look carries into the forms -------------------------------------------------

def styled_template(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("表")
    title = wb.add_format({"font_name": "方正小标宋简体", "font_size": 20, "bold": True, "align": "center",
                           "font_color": "#C00000"})
    cell = wb.add_format({"font_name": "楷体", "font_size": 12, "italic": True, "underline": 1, "text_wrap": True,
                          "valign": "top", "left": 2, "right": 5, "top": 4, "bottom": 6, "bottom_color": "#0070C0",
                          "pattern": 1, "bg_color": "#E2EFDA", "num_format": "@", "rotation": 0, "indent": 1})
    answer = wb.add_format({"locked": False, "bg_color": "#FFFF00", "border": 1, "rotation": -45})
    ws.set_column(0, 0, 10, None, {"hidden": True})
    ws.set_column(1, 1, 42.5)
    ws.set_column(2, 3, 17)
    ws.merge_range(0, 1, 0, 3, "{{ unit.name }}", title)
    ws.set_row(0, 40)
    ws.write_string(1, 0, "{{ task.id }}")
    ws.write_string(1, 1, "{{ task.text }}", cell)
    ws.write_blank(1, 2, None, answer)
    ws.merge_range(1, 3, 2, 3, "", answer)  # a two-row task block with a cell merged down
    ws.write_string(2, 1, "{{ task.role }}")
    ws.set_row(2, 22)
    ws.data_validation(1, 2, 1, 2, {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 100,
                                    "input_title": "完成比例", "input_message": "0–100"})
    ws.write_string(4, 1, "审核：")
    ws.protect("", {"format_columns": True})
    ws.set_portrait()
    ws.set_paper(8)
    ws.set_header("&L{{ unit.name }}&R&D")
    wb.define_name("tasks", "='表'!$A$2:$D$3")
    wb.close()
    return path


def _style(c: object) -> tuple:
    f, b, a = c.font, c.border, c.alignment  # type: ignore[attr-defined]
    return (f.name, f.sz, f.b, f.i, f.u, f.color.rgb if f.color is not None else None, c.fill.fgColor.rgb,  # type: ignore[attr-defined]
            b.left.style, b.right.style, b.top.style, b.bottom.style, b.bottom.color.rgb if b.bottom.color else None,
            a.horizontal, a.vertical, a.wrapText, a.indent, a.textRotation, c.number_format, c.protection.locked)  # type: ignore[attr-defined]


def test_styles_widths_heights_merges_validation_protection_carry(tmp_path: Path) -> None:
    tpl = styled_template(tmp_path / "样式.xlsx")
    bd = small_bd()
    (path,) = gt.write_forms(bd, tmp_path / "out", period="2024Q2", template=tpl, units=["市发改委"], generated=GENERATED)
    t, f = openpyxl.load_workbook(tpl)["表"], openpyxl.load_workbook(path)["表"]
    assert f["B1"].value == "市发改委"
    for ref, out in (("B1", "B1"), ("B2", "B2"), ("C2", "C2"), ("B2", "B4"), ("C2", "C4"), ("D2", "D4")):
        assert _style(f[out]) == _style(t[ref]), (ref, out)
    assert [f[f"B{r}"].value for r in (2, 3, 4, 5, 7)] == [bd.tasks[0].text, "牵头", bd.tasks[1].text, "配合", "审核："]
    assert sorted(str(m) for m in f.merged_cells.ranges) == ["B1:D1", "D2:D3", "D4:D5"]
    assert {k: f.column_dimensions[k].width for k in "ABC"} == {k: t.column_dimensions[k].width for k in "ABC"}
    assert f.column_dimensions["A"].hidden
    heights = (t.row_dimensions[1].height, t.row_dimensions[3].height, t.row_dimensions[3].height)
    assert (f.row_dimensions[1].height, f.row_dimensions[3].height, f.row_dimensions[5].height) == heights
    (dv,) = f.data_validations.dataValidation
    assert (str(dv.sqref), dv.type, dv.formula1, dv.formula2, dv.prompt) == ("C2 C4", "whole", "0", "100", "0–100")
    assert f.protection.sheet and not f.protection.formatColumns and f.protection.formatRows
    assert (f.page_setup.orientation, f.page_setup.paperSize) == ("portrait", 8)
    assert str(f.oddHeader) == "&L市发改委&R&D"  # page header and footer are templates too


def test_x14_list_validation_from_excel_is_kept(tmp_path: Path) -> None:
    """Excel 2010+ writes a list validation pointing at another sheet as x14; openpyxl drops it, we do not."""
    path = template(tmp_path / "x14.xlsx", {**TASK_ROW, "C1": "状态"})
    x14 = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
           'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
           '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
           '<x14:formula1><xm:f>选项!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>C2</xm:sqref>'
           '</x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>')
    patched = tmp_path / "x14e.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.decode().replace("</worksheet>", x14).encode()
            dst.writestr(item, data)
    (v,) = load_template(patched).form.validations
    assert v.options["validate"] == "list" and v.options["source"] == "=选项!$A$1:$A$3" and v.ranges == ((1, 2, 1, 2),)


def test_theme_colours_with_tint_become_rgb(tmp_path: Path) -> None:
    from openpyxl.styles import Color, PatternFill

    path = template(tmp_path / "t.xlsx", TASK_ROW)
    wb = openpyxl.load_workbook(path)
    wb["表"]["B2"].fill = PatternFill("solid", fgColor=Color(theme=0, tint=-0.1499984740745262))  # "白色, 背景 1, 深色 15%"
    wb.save(path)
    spec = load_template(path)
    (cell,) = [c for r in spec.form.rows for c in r.cells if c.ref == "B2"]
    assert spec.styles[cell.style]["bg_color"] == "#D9D9D9"
