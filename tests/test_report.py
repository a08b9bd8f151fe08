"""write_report(): layout, print set-up, sheets and formulas-as-text, read back with openpyxl and calamine."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest

import govtasks as gt
from govtasks import Breakdown, CellRef, Progress, ReturnFile, Returns, Task
from govtasks.io.workbook import read_workbook
from govtasks.issues import Issue, IssueList, Severity
from govtasks.report.write import (
    COOP_SHEET,
    ISSUES_SHEET,
    LEAD_SHEET,
    MAIN_SHEET,
    MAX_CELL,
    STATUS_SHEET,
    VERSIONS_SHEET,
)

T1 = Task(id="T001", number="1", path=("(一)以更实举措提升经济高质量发展质效",), text="壮大主导产业", lead=("区发改委",),
          coop=("区商务局",))
T2 = Task(id="T002", number="2", path=("(一)以更实举措提升经济高质量发展质效",), text="支持奇瑞新能源", lead=("区发改委", "区经信局"))
T3 = Task(id="T003", number="3", path=("(二)以更高标准美化城市环境面貌",), text="推进城市更新", lead=("区住建局",))
BD = Breakdown(title="弋江区2023年重点工作", issuer="弋江区人民政府", tasks=(T1, T2, T3))
TRICKY = ("=SUM(A1)", "+86 553 1234567", "-5%，同比回落", "@所有人")


def entry(task: str, unit: str, text: str, **kw: str) -> Progress:
    role = BD.task(task).role_of(unit) or ""
    return Progress(task_id=task, unit=unit, role=role, progress=text,
                    source=CellRef(file=f"{unit}.xlsx", sheet="进展情况表", row=6, column="I"), **kw)


@pytest.fixture
def report() -> gt.Report:
    files = (ReturnFile(file="区发改委.xlsx", unit="区发改委", mtime=dt.datetime(2024, 7, 2, 10, 30)),
             ReturnFile(file="区发改委_旧.xlsx", unit="区发改委", state="superseded", superseded_by="区发改委.xlsx"),
             ReturnFile(file="区商务局.xlsx", unit="区商务局"), ReturnFile(file="说明.docx", state="not-a-form", message="不是 Excel 工作簿"))
    entries = (entry("T001", "区发改委", TRICKY[0], status="序时推进"), entry("T002", "区发改委", TRICKY[1]),
               entry("T001", "区商务局", TRICKY[2], problems=TRICKY[3]))
    issue = Issue(code="missing-return", severity=Severity.ERROR, message="区住建局未报送", unit="区住建局")
    return gt.merge(BD, Returns(entries=entries, files=files, issues=IssueList([issue]), period="2023Q2"))


def values(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_main_sheet_layout(tmp_path: Path, report: gt.Report) -> None:
    path = gt.write_report(report, tmp_path / "汇总.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [MAIN_SHEET, "统计", "亮灯情况", STATUS_SHEET, LEAD_SHEET, COOP_SHEET, VERSIONS_SHEET, ISSUES_SHEET,
                             "亮灯规则"]
    ws = wb[MAIN_SHEET]
    rows = values(ws)
    assert rows[0][0] == "弋江区2023年第二季度重点工作进展和完成情况"
    assert rows[1][0].startswith("截至2023年6月30日；应报送单位 4 个，已报送 2 个；汇总中发现错误 1 条")
    assert rows[2] == ["序号", "目标与任务", "牵头责任单位", "责任单位", "进展情况", "任务编号", "来源"]
    assert rows[3][0] == "(一)以更实举措提升经济高质量发展质效"
    assert rows[4] == ["1", "壮大主导产业", "区发改委", "区商务局", TRICKY[0], "T001", "区发改委.xlsx!进展情况表!I6"]
    assert rows[5][:5] == ["2", "支持奇瑞新能源", "区发改委、区经信局", None, f"【区发改委】{TRICKY[1]}\n【区经信局】未报送"]
    assert rows[6][0] == "(二)以更高标准美化城市环境面貌" and rows[7][1] == "推进城市更新"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:E1", "A2:E2", "A4:E4", "A7:E7"} <= merged
    assert ws.column_dimensions["F"].hidden and ws.column_dimensions["G"].hidden
    assert not ws.column_dimensions["E"].hidden and ws.column_dimensions["E"].width > 60


def test_print_setup_fonts_and_heights(tmp_path: Path, report: gt.Report) -> None:
    ws = openpyxl.load_workbook(gt.write_report(report, tmp_path / "汇总.xlsx"))[MAIN_SHEET]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws["A1"].font.name == "方正小标宋简体" and ws["A1"].font.sz == 20
    assert ws["A3"].font.name == "黑体" and ws["E5"].font.name == "仿宋" and ws["E5"].alignment.wrap_text
    assert all(ws.row_dimensions[r].height for r in range(1, 9))


def test_tricky_text_is_text_never_a_formula(tmp_path: Path, report: gt.Report) -> None:
    path = gt.write_report(report, tmp_path / "汇总.xlsx")
    wb = openpyxl.load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value in TRICKY]
    assert {c.value for c in cells} == set(TRICKY)
    assert all(c.data_type == "s" for c in cells)
    book = read_workbook(path, details=True)
    assert all(not book.formulas(s.name) for s in book.sheets)
    main = next(s for s in book.sheets if s.name == MAIN_SHEET)
    assert main.rows[4][4] == "=SUM(A1)"


def test_status_feedback_and_issue_sheets(tmp_path: Path, report: gt.Report) -> None:
    wb = openpyxl.load_workbook(gt.write_report(report, tmp_path / "汇总.xlsx"))
    status = values(wb[STATUS_SHEET])
    assert status[2] == ["序号", "单位", "牵头任务数", "配合任务数", "报送情况", "是否按时", "报送文件", "报送时间",
                         "已填报任务数", "应填报任务数", "说明"]
    by_unit: dict = {}
    for r in status[3:]:
        by_unit.setdefault(r[1], r)
    assert by_unit["区发改委"] == [1, "区发改委", 2, 0, "已报送", None, "区发改委.xlsx", dt.datetime(2024, 7, 2, 10, 30),
                                 2, 2, "未采用的文件：区发改委_旧.xlsx"]  # numbers are numbers, the time a date
    assert by_unit["区住建局"][4] == "未报送"
    ws = wb[STATUS_SHEET]
    row_of = {ws.cell(r, 2).value: r for r in range(4, ws.max_row + 1)}
    missing, returned = ws.cell(row_of["区住建局"], 5), ws.cell(row_of["区发改委"], 5)
    assert missing.font.color.rgb == "FFC00000" and returned.font.color.rgb != "FFC00000"  # 未报送 in red
    assert returned.alignment.horizontal == "center" and ws.cell(row_of["区发改委"], 7).alignment.horizontal is None
    assert ws.cell(4, 8).number_format == "yyyy-mm-dd hh:mm" and ws.cell(4, 2).value == "区发改委"
    others = [r for r in status if r[6] in ("区发改委_旧.xlsx", "说明.docx")]
    assert [(r[4], r[10]) for r in others] == [("已被较新版本替代", "已由 区发改委.xlsx 替代"), ("不是填报表", "不是 Excel 工作簿")]
    coop = values(wb[COOP_SHEET])
    assert coop[3] == ["1", "T001", "壮大主导产业", "区商务局", None, TRICKY[2], TRICKY[3], None, None, None,
                       "区商务局.xlsx!进展情况表!I6"]
    assert [r[3] for r in values(wb[LEAD_SHEET])[3:]] == ["区发改委", "区发改委"]
    issues = values(wb[ISSUES_SHEET])
    assert issues[3][:3] == ["1", "错误", "missing-return"] and issues[3][6] == "区住建局未报送"


def test_with_status_column(tmp_path: Path, report: gt.Report) -> None:
    ws = openpyxl.load_workbook(gt.write_report(report, tmp_path / "汇总.xlsx", with_status=True))[MAIN_SHEET]
    assert [c.value for c in ws[3]] == ["序号", "目标与任务", "牵头责任单位", "责任单位", "进展情况", "完成状态", "任务编号", "来源"]
    assert ws["F5"].value == "序时推进" and "A1:F1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.column_dimensions["G"].hidden and not ws.column_dimensions["F"].hidden


def test_overlong_text_is_cut_with_a_pointer(tmp_path: Path) -> None:
    long = "进" * (MAX_CELL + 10)
    report = gt.merge(BD, Returns(entries=(entry("T003", "区住建局", long),), period="2023Q2"))
    ws = openpyxl.load_workbook(gt.write_report(report, tmp_path / "r.xlsx"))[MAIN_SHEET]
    cell = ws["E8"].value
    assert len(cell) <= MAX_CELL and cell.endswith("全文见“牵头单位反馈”/“配合单位反馈”）")


def test_written_atomically(tmp_path: Path, report: gt.Report, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"old report")

    def crash(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("govtasks.report.write._issues_sheet", crash)
    with pytest.raises(RuntimeError):
        gt.write_report(report, target)
    assert target.read_bytes() == b"old report"
    assert os.listdir(tmp_path) == ["汇总.xlsx"]  # no temporary file left behind


def test_libreoffice_renders_the_report(tmp_path: Path, report: gt.Report, libreoffice) -> None:
    pdf = libreoffice(gt.write_report(report, tmp_path / "汇总.xlsx"), "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
