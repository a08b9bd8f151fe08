"""The standard workbook: layout as documented in docs/format.md, and what its reader reports."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import EXAMPLE_001
from helpers import write_xlsx

import govtasks as gt
from govtasks import issues as codes
from govtasks.model import STANDARD_COLUMNS

HEADER = [label for _, label in STANDARD_COLUMNS]


def test_written_layout_is_documented_layout(tmp_path: Path) -> None:
    bd = gt.import_breakdown(EXAMPLE_001)
    path = gt.write_breakdown(bd, tmp_path / "std.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["任务分解", "单位", "说明"]
    ws = wb["任务分解"]
    assert ws["A1"].value == "2024年度市政府重点工作任务分解"
    assert [c.value for c in ws[2]] == HEADER
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:L222"
    assert ws.print_title_rows == "$2:$2" and ws.page_setup.orientation == "landscape"
    row = [c.value for c in ws[13]]                                  # task 11
    assert row[0] == "T011" and row[7] == "市发改委\n市自规局\n市财政局\n市经信局\n市科技局\n市地方金融局"
    assert ws.row_dimensions[13].height > 15 and ws["F13"].alignment.wrap_text
    assert [c.value for c in wb["单位"][1]] == ["单位名称", "别名", "所属分组"]
    info = {r[0].value: r[1].value for r in wb["说明"].iter_rows()}
    assert info["年度"] == "2024" and info["标题"] == "2024年度市政府重点工作任务分解"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    task = gt.Task(id="T001", number="1", text="=SUM(A1)", lead=("+86 553",), note="@备注")
    path = gt.write_breakdown(gt.Breakdown(tasks=(task,)), tmp_path / "f.xlsx")
    ws = openpyxl.load_workbook(path)["任务分解"]
    assert ws["F2"].value == "=SUM(A1)" and ws["F2"].data_type == "s"
    assert gt.read_breakdown(path).tasks[0] == task


def test_hand_edited_standard_workbook(tmp_path: Path) -> None:
    rows = [
        ["2024年重点工作"],
        HEADER + ["督办级别"],
        ["T1", "1", "一、甲", "", "", "任务一", "6月底前", "区财政局", "区商务局\n区统计局", "", "", "", "A"],
        ["", "2", "一、甲", "", "", "任务二", "", "区商务局", "", "", "", "", ""],
        ["T1", "3", "一、甲", "", "", "任务三", "", "", "", "", "", "", ""],
    ]
    bd = gt.read_breakdown(write_xlsx(tmp_path / "h.xlsx", {"任务分解": rows}))
    assert bd.title == "2024年重点工作" and bd.year is None
    assert [t.id for t in bd.tasks] == ["T1", "T002", "T1"]
    assert bd.tasks[0].coop == ("区商务局", "区统计局") and bd.tasks[0].extra == (("督办级别", "A"),)
    assert [(i.code, str(i.where)) for i in bd.issues] == [
        (codes.MISSING_ID, "h.xlsx!任务分解!F4"), (codes.DUPLICATE_ID, "h.xlsx!任务分解!F5")]
    try:
        gt.read_breakdown(tmp_path / "h.xlsx", strict=True)
    except gt.IssuesFoundError as exc:
        assert exc.issues.codes() == [codes.DUPLICATE_ID]
    else:
        raise AssertionError("strict=True should raise")


def test_roster_file(tmp_path: Path) -> None:
    rows = [["单位名称", "别名", "所属分组"], ["区发展和改革委员会", "区发改委、发改委", ""], ["峨山镇", "", "各镇政府\n各乡镇"]]
    roster = gt.read_roster(write_xlsx(tmp_path / "名册.xlsx", {"名册": rows}))
    assert roster == (gt.RosterUnit(name="区发展和改革委员会", aliases=("区发改委", "发改委")),
                      gt.RosterUnit(name="峨山镇", groups=("各镇政府", "各乡镇")))


def test_the_frames_due_dates_are_datetimes() -> None:
    import pandas as pd
    from conftest import EXAMPLE_000

    frame = gt.import_breakdown(EXAMPLE_000).to_frame()
    assert str(frame["截止日期"].dtype).startswith("datetime64")
    first = frame.iloc[0]
    assert (first["完成时限"], first["截止日期"]) == ("2023年12月底前", pd.Timestamp(2023, 12, 31))  # seed 000, row 1
