"""Per-unit progress forms for the 芜湖 2024 breakdown (seed 001), read back three ways.

Expected tasks come from the Breakdown itself (``bd.for_unit``); forms are read
back with python-calamine (values, hidden sheets), openpyxl (protection,
validation, print setup, fonts) and rendered by LibreOffice to PDF (row heights).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
import python_calamine as pc
import xlsxwriter
from conftest import EXAMPLE_001
from helpers import write_xlsx

import govtasks as gt
from govtasks.cli import main
from govtasks.forms.write import form_filename, read_previous
from govtasks.periods import Period

GENERATED = dt.datetime(2024, 6, 20, 9, 0, 0)
Q2 = Period.parse("2024Q2")
ANSWERS = ("完成状态", "进展情况", "存在问题", "下步计划", "备注")


@pytest.fixture(scope="module")
def bd() -> gt.Breakdown:
    return gt.import_breakdown(EXAMPLE_001)


@pytest.fixture(scope="module")
def forms(bd: gt.Breakdown, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return gt.write_forms(bd, tmp_path_factory.mktemp("forms"), period="2024Q2", generated=GENERATED)


def sheets(path: Path) -> dict[str, list[list[object]]]:
    wb = pc.CalamineWorkbook.from_path(str(path))
    try:
        return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names}
    finally:
        wb.close()


def table(path: Path) -> tuple[list[str], list[list[str]]]:
    """(header labels, rows below the header) of a form's data sheet, as the _meta sheet locates them."""
    data = sheets(path)
    meta = {str(k): str(v) for k, v, *_ in data["_meta"]}
    rows = [[str(c) for c in row] for row in data[meta["数据表"]]]
    head = int(meta["表头行"]) - 1
    return rows[head], rows[head + 1:]


def task_rows(path: Path) -> list[dict[str, str]]:
    header, rows = table(path)
    return [dict(zip(header, row)) for row in rows if row[0]]


# --- one form per unit, each with exactly that unit's tasks ---------------------------------------------

def test_one_form_per_unit(bd: gt.Breakdown, forms: list[Path]) -> None:
    assert len(bd.units) == 80 and len(forms) == 80
    assert [p.name for p in forms] == [form_filename(u, Q2) for u in bd.units]
    assert forms[0].name == "市发改委_2024年第二季度_重点工作进展情况表.xlsx"
    assert all(p.exists() for p in forms)


def test_each_form_lists_exactly_its_tasks_in_order(bd: gt.Breakdown, forms: list[Path]) -> None:
    for unit, path in zip(bd.units, forms):
        got = [(r["任务编号"], r["序号"], r["任务内容"], r["牵头单位"], r["责任单位"], r["本单位职责"]) for r in task_rows(path)]
        want = [(t.id, t.number, t.text, "、".join(t.lead), "、".join(t.coop), t.role_of(unit)) for t in bd.for_unit(unit)]
        assert got == want, unit
        roles = [g[-1] for g in got]
        assert roles == sorted(roles, key="牵头配合".index), unit  # leads first


def test_title_sections_and_footer(bd: gt.Breakdown, forms: list[Path]) -> None:
    rows = sheets(forms[0])["进展情况表"]
    assert rows[0][1] == "市发改委2024年第二季度重点工作进展情况表"
    assert rows[1][1].startswith("填报说明：") and "截至2024年6月30日" in rows[1][1]
    led = sum("市发改委" in t.lead for t in bd.tasks)
    coop = len(bd.for_unit("市发改委")) - led
    assert rows[2][1] == f"填报单位：市发改委　　报告期：2024年第二季度　　本单位牵头任务 {led} 项、配合任务 {coop} 项"
    headings = [r[1] for r in rows[4:] if not r[0] and r[1]]
    assert headings[0] == f"本单位牵头任务（{led}项）" and f"本单位配合任务（{coop}项）" in headings
    assert headings[1] == "一、主要预期目标"
    deep = next(t.path for t in bd.for_unit("市发改委") if len(t.path) == 3)
    assert deep[0] == "二、主要做好十个方面工作" and " / ".join(deep) in headings  # the full path, one row
    assert [rows[-1][c] for c in (2, 5, 8)] == ["填报人：", "联系电话：", "审核领导："]


def test_meta_sheet_and_ids_read_with_calamine(bd: gt.Breakdown, forms: list[Path]) -> None:
    from govtasks.breakdown.standard import fingerprint

    wb = pc.CalamineWorkbook.from_path(str(forms[0]))
    visibility = {m.name: m.visible for m in wb.sheets_metadata}
    wb.close()
    assert visibility == {"进展情况表": pc.SheetVisibleEnum.Visible, "_lists": pc.SheetVisibleEnum.Hidden,
                          "_meta": pc.SheetVisibleEnum.VeryHidden}
    meta = dict(sheets(forms[0])["_meta"])
    assert meta == {"表单类型": "govtasks重点工作进展情况表", "单位": "市发改委", "期间": "2024Q2", "期间名称": "2024年第二季度",
                    "分解表指纹": fingerprint(bd), "模板版本": meta["模板版本"], "生成时间": "2024-06-20T09:00:00",
                    "数据表": "进展情况表", "表头行": "4", "任务编号列": "A", "任务数": str(len(bd.for_unit("市发改委")))}
    assert re.fullmatch(r"form\.xlsx@[0-9a-f]{12}", meta["模板版本"])
    assert [r["任务编号"] for r in task_rows(forms[0])] == [t.id for t in bd.for_unit("市发改委")]
    assert sheets(forms[0])["_lists"] == [["已完成"], ["序时推进"], ["滞后"], ["未启动"]]


def test_protection_validation_and_print_setup_read_with_openpyxl(bd: gt.Breakdown, forms: list[Path]) -> None:
    wb = openpyxl.load_workbook(forms[0])
    ws = wb["进展情况表"]
    assert ws.protection.sheet and ws.protection.password is None and not ws.protection.formatRows
    header = [c.value for c in ws[4]]
    answer_cols = {header.index(label) + 1 for label in ANSWERS}
    rows = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value]
    assert len(rows) == len(bd.for_unit("市发改委"))
    for r in rows:
        for c in range(1, len(header) + 1):
            assert ws.cell(r, c).protection.locked is (c not in answer_cols), (r, c)
    assert ws.column_dimensions["A"].hidden and ws.cell(rows[0], 1).protection.locked
    (dv,) = ws.data_validations.dataValidation
    status = openpyxl.utils.get_column_letter(header.index("完成状态") + 1)
    covered = {cell for rng in dv.sqref.ranges for cell in rng.cells}
    assert (dv.type, dv.formula1) == ("list", "_lists!$A$1:$A$4")
    assert covered == {(r, header.index("完成状态") + 1) for r in rows}, status
    assert wb["_lists"].sheet_state == "hidden"
    assert ws.print_title_rows == "$4:$4" and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) in ((None, 0), (1, 0))
    assert "第 &P 页 共 &N 页" in str(ws.oddFooter)
    assert (ws["B1"].font.name, ws["C4"].font.name, ws.cell(rows[0], 3).font.name) == ("黑体", "黑体", "仿宋")


def test_row_heights_hold_the_wrapped_text(forms: list[Path]) -> None:
    from govtasks.io.textfit import lines_needed

    ws = openpyxl.load_workbook(forms[0])["进展情况表"]
    widths = {c: ws.column_dimensions[c].width - 0.71 for c in "CEF"}
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 1).value:
            lines = max(lines_needed(str(ws[f"{c}{r}"].value or ""), w) for c, w in widths.items())
            assert ws.row_dimensions[r].height >= lines * 11 * 1.25, r  # 1.25: the tightest line pitch LO draws


# --- LibreOffice renders every row's full text ------------------------------------------------------------

def pdf_lines(pdf: Path) -> list[tuple[int, float, float, str]]:
    """(page, x, y, text) of every line of text in one cell, whitespace removed.

    pdftotext joins words of neighbouring cells that share a baseline into one
    line (a 序号 and the first line of its task), so a line is cut where the gap
    between two words is wider than a space.
    """
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    out = []
    for p, page in enumerate(ElementTree.fromstring(xml).iter(f"{ns}page")):
        for line in page.iter(f"{ns}line"):
            words = [(float(w.get("xMin", 0)), float(w.get("xMax", 0)), float(w.get("yMin", 0)), w.text or "")
                     for w in line.iter(f"{ns}word")]
            start, end = 0, None
            for i, (x0, x1, _y, _text) in enumerate(words):
                if end is not None and x0 - end > 4:
                    out.append(_segment(p, words[start:i]))
                    start = i
                end = x1
            if words:
                out.append(_segment(p, words[start:]))
    return out


def _segment(page: int, words: list[tuple[float, float, float, str]]) -> tuple[int, float, float, str]:
    return page, words[0][0], words[0][2], re.sub(r"\s+", "", "".join(w[3] for w in words))


def shown_in_full(text: str, lines: list[tuple[int, float, float, str]]) -> bool:
    """Whether a cell's text is drawn completely: its lines, down one column from where it starts."""
    want = re.sub(r"\s+", "", text)
    for page, x, y, first in lines:
        if first and want.startswith(first):
            below = sorted((yy, t) for pp, xx, yy, t in lines if pp == page and abs(xx - x) < 1.5 and yy >= y)
            if "".join(t for _, t in below).startswith(want):
                return True
    return False


@pytest.fixture
def pdftotext() -> None:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is not installed")
        pytest.skip("pdftotext not installed")


def test_libreoffice_prints_every_row_in_full(bd: gt.Breakdown, forms: list[Path], libreoffice, pdftotext,
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tasks = bd.for_unit("市发改委")
    cells = [x for t in tasks for x in (t.text, "、".join(t.lead), "、".join(t.coop)) if x]
    lines = pdf_lines(libreoffice(forms[0], "pdf", tmp_path / "pdf"))
    assert [c for c in cells if not shown_in_full(c, lines)] == []
    # The check sees clipping: with row heights left at the template's, long texts are cut off.
    import govtasks.forms.sheet as form_sheet

    monkeypatch.setattr(form_sheet, "lines_height", lambda lines, font_size=11, minimum=15: minimum)
    (short,) = gt.write_forms(bd, tmp_path / "short", period="2024Q2", units=["市发改委"], generated=GENERATED)
    lines = pdf_lines(libreoffice(short, "pdf", tmp_path / "pdf2"))
    clipped = [c for c in cells if not shown_in_full(c, lines)]
    assert clipped  # e.g. the longest task texts and lead-unit lists


# --- a custom template ----------------------------------------------------------------------------------

def custom_template(path: Path) -> Path:
    """Another office's form: another title, column order, an extra 所属板块 column, a footer below the table."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("季度进展")
    bold = wb.add_format({"bold": True, "border": 1, "text_wrap": True})
    wrap = wb.add_format({"text_wrap": True, "border": 1, "valign": "top"})
    answer = wb.add_format({"locked": False, "border": 1})
    ws.merge_range(0, 0, 0, 6, "{{ breakdown.title }}：{{ unit.name }}（{{ period.label }}，{{ period.start }}至{{ period.end }}）")
    for c, label in enumerate(("任务编号", "任务内容", "序号", "本单位职责", "所属板块", "进展情况", "完成状态")):
        ws.write_string(1, c, label, bold)
    cells = ("{{ task.id }}", "{{ task.text }}", "{{ task.number }}", "{{ task.role }}", "{{ task.path|last }}")
    for c, text in enumerate(cells):
        ws.write_string(2, c, text, wrap)
    ws.write_blank(2, 5, None, answer)
    ws.write_blank(2, 6, None, answer)
    ws.data_validation(2, 6, 2, 6, {"validate": "list", "source": ["完成", "未完成"]})
    ws.write_string(4, 0, "共 {{ unit.task_count }} 项")
    ws.set_column(1, 1, 40)
    ws.set_column(4, 4, 20)
    wb.define_name("tasks", "='季度进展'!$A$3:$G$3")
    wb.close()
    return path


def test_custom_template(bd: gt.Breakdown, tmp_path: Path) -> None:
    tpl = custom_template(tmp_path / "本办模板.xlsx")
    assert gt.check_template(tpl) == {"breakdown.title", "unit.name", "period.label", "period.start", "period.end",
                                      "task.id", "task.text", "task.number", "task.role", "task.path", "unit.task_count"}
    paths = gt.write_forms(bd, tmp_path / "out", period="2024H1", template=tpl, units=["市财政局", "市统计局"],
                           generated=GENERATED)
    assert [p.name for p in paths] == ["市财政局_2024年上半年_重点工作进展情况表.xlsx", "市统计局_2024年上半年_重点工作进展情况表.xlsx"]
    for unit, path in zip(["市财政局", "市统计局"], paths):
        rows = sheets(path)["季度进展"]
        assert rows[0][0] == f"2024年度市政府重点工作任务分解：{unit}（2024年上半年，2024-01-01至2024-06-30）"
        tasks = bd.for_unit(unit)
        want = [[t.id, t.text, t.number, t.role_of(unit), t.path[-1] if t.path else "", "", ""] for t in tasks]
        assert rows[2:2 + len(tasks)] == want
        assert rows[3 + len(tasks)][0] == f"共 {len(tasks)} 项"
        ws = openpyxl.load_workbook(path)["季度进展"]
        assert ws.column_dimensions["A"].hidden  # the ID column is hidden even though the template shows it
        assert not ws.protection.sheet  # the template is not protected, and no password was asked for
        (dv,) = ws.data_validations.dataValidation
        covered = {cell for rng in dv.sqref.ranges for cell in rng.cells}
        assert covered == {(r, 7) for r in range(3, 3 + len(tasks))} and dv.formula1 == '"完成,未完成"'
        assert dict(sheets(path)["_meta"])["表头行"] == "2"


# --- options -----------------------------------------------------------------------------------------------

def test_previous_period_progress_read_only(bd: gt.Breakdown, tmp_path: Path) -> None:
    tasks = bd.for_unit("市发改委")
    report = write_xlsx(tmp_path / "一季度汇总.xlsx", {"汇总表": [
        ["2024年第一季度重点工作进展情况"],
        ["序号", "目标与任务", "牵头责任单位", "责任单位", "进展情况", "任务编号"],
        [tasks[0].number, tasks[0].text, "", "", "一季度GDP增长7.1%。", tasks[0].id],
        [tasks[2].number, tasks[2].text, "", "", "已完成年度目标的30%。", tasks[2].id],
    ]})
    assert read_previous(report) == {tasks[0].id: "一季度GDP增长7.1%。", tasks[2].id: "已完成年度目标的30%。"}
    (path,) = gt.write_forms(bd, tmp_path / "out", period="2024Q2", units=["市发改委"], previous=report)
    rows = task_rows(path)
    assert [r["上期进展"] for r in rows[:3]] == ["一季度GDP增长7.1%。", "", "已完成年度目标的30%。"]
    ws = openpyxl.load_workbook(path)["进展情况表"]
    col = [c.value for c in ws[4]].index("上期进展") + 1
    assert ws.cell(7, col).value == "一季度GDP增长7.1%。" and ws.cell(7, col).protection.locked
    (again,) = gt.write_forms(bd, tmp_path / "m", period="2024Q2", units=["市发改委"], previous={tasks[1].id: "甲"})
    assert [r["上期进展"] for r in task_rows(again)[:2]] == ["", "甲"]


def test_previous_without_columns_is_a_layout_error(tmp_path: Path) -> None:
    bad = write_xlsx(tmp_path / "无关.xlsx", {"S": [["序号", "任务内容"], ["1", "甲"]]})
    with pytest.raises(gt.LayoutError, match="无关.xlsx: 未找到同时有“任务编号”和“进展情况”表头的工作表"):
        read_previous(bad)


def test_units_roster_and_groups(bd: gt.Breakdown, tmp_path: Path) -> None:
    paths = gt.write_forms(bd, tmp_path / "a", period="2024Q2", units=["市统计局", "市财政局", "市统计局"])
    assert [p.name.split("_")[0] for p in paths] == ["市统计局", "市财政局"]
    with pytest.raises(gt.GovtasksError, match="分解表中没有单位“发改委”；是否指：市发改委"):
        gt.write_forms(bd, tmp_path / "b", period="2024Q2", units=["发改委"])
    roster = (gt.RosterUnit(name="市发改委"), gt.RosterUnit(name="芜湖市财政局", aliases=("市财政局",)))
    paths = gt.write_forms(bd, tmp_path / "c", period="2024Q2", roster=roster)
    names = [p.name.split("_")[0] for p in paths]
    assert len(names) == 80 and "芜湖市财政局" in names and "市财政局" not in names  # the roster's name for it
    assert "市统计局" in names  # not in the roster: still gets its form


def test_overwrite_password_and_determinism(bd: gt.Breakdown, tmp_path: Path) -> None:
    (first,) = gt.write_forms(bd, tmp_path, period="2024Q2", units=["市统计局"], generated=GENERATED)
    data = first.read_bytes()
    with pytest.raises(gt.WorkbookError, match="已有 1 个同名填报表.*--overwrite"):
        gt.write_forms(bd, tmp_path, period="2024Q2", units=["市统计局"])
    gt.write_forms(bd, tmp_path, period="2024Q2", units=["市统计局"], generated=GENERATED, overwrite=True)
    assert first.read_bytes() == data  # same input, same bytes
    gt.write_forms(bd, tmp_path, period="2024Q2", units=["市统计局"], password="督查室", overwrite=True)
    assert openpyxl.load_workbook(first)["进展情况表"].protection.password


@pytest.mark.parametrize(("unit", "period", "name"), [
    ("市发改委", "2024M06", "市发改委_2024年6月_重点工作进展情况表.xlsx"),
    ("市住建局（市人民城建办）", "2024", "市住建局（市人民城建办）_2024年度_重点工作进展情况表.xlsx"),
    ('A/B:C*D?"E"<F>|G', "2024H2", "A_B_C_D__E__F__G_2024年下半年_重点工作进展情况表.xlsx"),
])
def test_file_names(unit: str, period: str, name: str) -> None:
    assert form_filename(unit, Period.parse(period)) == name


# --- command line -------------------------------------------------------------------------------------------

def test_cli_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "forms"
    assert main(["forms", str(EXAMPLE_001), "--period", "2024Q2", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "已为 80 个单位生成 80 份2024年第二季度重点工作进展情况表（分解表共 80 个单位）" in text
    assert "以下名称是单位分组，也各生成了一份表" in text and "各县市区政府" in text
    assert len(list(out.glob("*.xlsx"))) == 80
    assert main(["forms", str(EXAMPLE_001), "--period", "2024Q2", "-o", str(out)]) == 2
    assert "已有 80 个同名填报表" in capsys.readouterr().err


def test_cli_forms_units_roster_and_bad_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = write_xlsx(tmp_path / "名册.xlsx", {"单位": [["单位名称", "别名", "所属分组"], ["市发改委", "", ""],
                                                        ["市统计局", "", ""]]})
    assert main(["forms", str(EXAMPLE_001), "--period", "2024年第二季度", "-o", str(tmp_path / "a"),
                 "--roster", str(roster)]) == 0
    text = capsys.readouterr().out
    assert "已为 80 个单位生成 80 份" in text and "警告：单位名册中没有以下 73 个单位，已照常生成填报表" in text
    assert main(["forms", str(EXAMPLE_001), "--period", "2024Q2", "-o", str(tmp_path / "b"),
                 "--unit", "市发改委", "--unit", "市统计局"]) == 0
    assert "已为 2 个单位生成 2 份" in capsys.readouterr().out
    assert main(["forms", str(EXAMPLE_001), "--period", "2024Q5", "-o", str(tmp_path / "c")]) == 2
    assert "错误：无法识别的期间“2024Q5”" in capsys.readouterr().err
    assert main(["forms", str(EXAMPLE_001), "--period", "2024Q2", "-o", str(tmp_path / "d"), "--unit", "发改委"]) == 2
    assert "是否指：市发改委" in capsys.readouterr().err
