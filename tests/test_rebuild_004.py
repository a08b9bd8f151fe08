"""Tests for examples/rebuild/seed004.py (弋江区 2023 Q2 progress report).

Every expected value below was checked by hand against
examples/sources/004_8d04ce5b0ce2eadc.txt.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "sources"
sys.path.insert(0, str(REPO / "examples" / "rebuild"))

import seed004  # noqa: E402

S1 = "(一)以更实举措提升经济高质量发展质效"
S2 = "(二)以更高标准美化城市环境面貌"
S3 = "(三)以更优服务回应人民群众需求"
S4 = "(四)以更新姿态树立政府良好形象"
NEV = "智能网联及新能源 汽车招商中心 成员单位"
MICRO = "微电子及三代半导体 招商中心成员单位"
ENERGY = "节能环保及高端 装备制造招商中心 成员单位"

pytestmark = pytest.mark.skipif(not (SEEDS / seed004.SEED).exists(),
                                reason="seed 004 not available")


@pytest.fixture(scope="module")
def seed_text() -> str:
    return (SEEDS / seed004.SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows(seed_text: str) -> list[dict[str, Any]]:
    return seed004.parse(seed_text)


@pytest.fixture(scope="module")
def tasks(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["number"]: r for r in rows if r["kind"] == "task"}


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = seed004.build(SEEDS, tmp_path_factory.mktemp("seed004"))
    assert out.name == "弋江区2023年二季度重点工作进展和完成情况.xlsx"
    return openpyxl.load_workbook(out).active


def test_constants() -> None:
    assert seed004.SEED == "004_8d04ce5b0ce2eadc.txt"
    assert seed004.META["title"] == "弋江区2023年二季度重点工作进展和完成情况"
    assert seed004.META["year"] == 2023
    assert seed004.META["issuer"] == "弋江区人民政府"
    assert seed004.META["doc_number"] == ""


def test_126_tasks_in_order(rows: list[dict[str, Any]]) -> None:
    numbers = [r["number"] for r in rows if r["kind"] == "task"]
    assert numbers == [str(n) for n in range(1, 127)]


def test_sections_and_counts(rows: list[dict[str, Any]]) -> None:
    sections = [r for r in rows if r["kind"] == "section"]
    assert sections == [{"kind": "section", "level": 1, "number": "", "text": s}
                        for s in (S1, S2, S3, S4)]
    counts: dict[str, int] = {}
    for r in rows:
        if r["kind"] == "task":
            counts[r["sections"][0]] = counts.get(r["sections"][0], 0) + 1
    assert counts == {S1: 57, S2: 29, S3: 28, S4: 12}
    assert rows[0]["text"] == S1 and rows[58]["text"] == S2


def test_task_1(tasks: dict[str, dict[str, Any]]) -> None:
    t = tasks["1"]
    assert t["sections"] == [S1]
    assert t["text"] == ("坚持壮大主导产业,积极构建“汽车链”推动“半导体链”、赋能“大数据链”、"
                         "融合“现代服务链”的“多链协同”发展格局,向全球产业链、价值链中高端迈进")
    assert (t["lead"], t["units"]) == ("区发改委", NEV)
    assert t["progress"].startswith("上半年,智能网联及新能源汽车领域新签约项目18个,总投资140.55亿元。")
    assert t["progress"].endswith("厂房启动建设中。")
    assert t["merge_start"] == {"lead": True, "units": True, "progress": True}
    assert (t["deadline"], t["leaders"], t["persons"], t["note"]) == ("", "", "", "")


def test_tasks_1_to_9_are_separate_cells(tasks: dict[str, dict[str, Any]]) -> None:
    for n in range(1, 10):
        t = tasks[str(n)]
        assert (t["lead"], t["units"]) == ("区发改委", NEV)
        assert t["merge_start"]["lead"] and t["merge_start"]["units"]


def test_merged_lead_and_units_10_to_13(tasks: dict[str, dict[str, Any]]) -> None:
    assert tasks["10"]["merge_start"] == {"lead": True, "units": True, "progress": True}
    for n in ("11", "12", "13"):
        t = tasks[n]
        assert (t["lead"], t["units"]) == ("投资促进部", MICRO)
        assert t["merge_start"] == {"lead": False, "units": False, "progress": True}
    assert tasks["12"]["text"] == "支持芯塔电子、赛腾微电子提升车载芯片设计核心技术"
    assert tasks["14"]["merge_start"]["lead"] is True


def test_lead_only_merges(tasks: dict[str, dict[str, Any]]) -> None:
    t15 = tasks["15"]
    assert t15["lead"] == "区商务局" and not t15["merge_start"]["lead"]
    assert t15["units"] == "智能网联及新能源汽车招商中心成员单位 大数据及信息技术服务招商中心成员单位"
    for n in range(109, 115):
        assert tasks[str(n)]["lead"] == "区教育局"
        assert tasks[str(n)]["merge_start"] == {"lead": False, "units": True, "progress": True}
    assert tasks["109"]["units"] == tasks["110"]["units"] == "区重点处"
    assert tasks["113"]["units"] == ""
    assert tasks["64"]["lead"] == "规划建设部" and tasks["64"]["units"] == "白马街道 火龙街道"


def test_units_merge_24_to_27(tasks: dict[str, dict[str, Any]]) -> None:
    assert (tasks["24"]["lead"], tasks["24"]["units"]) == ("科技经贸部", "")
    leads = [tasks[n]["lead"] for n in ("25", "26", "27")]
    assert leads == ["科技经贸部", "区发改委 区商务局", "投资促进部"]
    for n in ("25", "26", "27"):
        assert tasks[n]["units"] == ""
        assert tasks[n]["merge_start"] == {"lead": True, "units": False, "progress": True}


def test_task_57(tasks: dict[str, dict[str, Any]]) -> None:
    t = tasks["57"]
    assert t["sections"] == [S1]
    assert t["text"].startswith("加强企业诉求办理,以企业诉求为哨声,接诉即办")
    assert (t["lead"], t["units"]) == ("区经信局", "区直各单位 各街道")
    assert t["progress"].startswith("持续完善问题收办机制,实现当日转办")
    assert t["progress"].endswith("受理高管子女入学申请35件。")


def test_task_58_truly_empty_units(tasks: dict[str, dict[str, Any]]) -> None:
    t = tasks["58"]
    assert t["sections"] == [S2]
    assert t["text"].startswith("把城市更新作为满足群众新期待")
    assert (t["lead"], t["units"]) == ("规划建设部", "")
    assert t["merge_start"] == {"lead": True, "units": True, "progress": True}
    assert "新兴路北段己完工。" in t["progress"]  # typo kept as written


def test_task_126(tasks: dict[str, dict[str, Any]]) -> None:
    t = tasks["126"]
    assert t["sections"] == [S4]
    assert t["text"] == "严格政府投资项目管理"
    assert (t["lead"], t["units"]) == ("区发改委", "")
    assert t["progress"] == "加强政府投资项目审核管理,二季度立项备案政府投资项目64个,总投资34.76亿元。"


def test_progress_exact(tasks: dict[str, dict[str, Any]]) -> None:
    assert tasks["4"]["progress"] == ("中鼎项目已投产;博康项目一期厂房已封顶,"
                                      "预计10月中旬一期厂房主体竣工,2024年启动二期厂房建设。")
    assert tasks["55"]["progress"] == "上半年,实现融资担保自营业务在保余额68426.7万元。"
    assert tasks["63"]["progress"] == "仓津A地块和仓津C地块规划支路建设已完成。"


def test_every_cell_is_a_seed_line(seed_text: str, tasks: dict[str, dict[str, Any]]) -> None:
    lines = set(seed_text.split("\n"))
    for t in tasks.values():
        for key in ("text", "progress", "lead", "units"):
            if t[key]:
                assert t[key] + " |" in lines, (t["number"], key)


def test_xlsx_header_and_sections(sheet: Any) -> None:
    assert sheet["A1"].value == "弋江区2023年二季度重点工作进展和完成情况"
    assert [c.value for c in sheet[2]] == ["序号", "目 标 与 任 务", "牵头责任单位", "责任单位", "进展情况"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    for row, text in ((3, S1), (61, S2), (91, S3), (120, S4)):
        assert f"A{row}:E{row}" in merged
        assert sheet[f"A{row}"].value == text
    assert sheet.max_row == 132
    assert sheet["A4"].value == 1 and sheet["A132"].value == 126


def test_xlsx_merges(sheet: Any) -> None:
    merged = {str(r) for r in sheet.merged_cells.ranges}
    lead = {r for r in merged if r.startswith("C")}
    units = {r for r in merged if r.startswith("D")}
    assert len(lead) == 14 and len(units) == 4
    assert {"C13:C16", "C21:C26", "C64:C68", "C113:C119", "C125:C127"} <= lead
    assert units == {"D13:D16", "D21:D26", "D27:D30", "D76:D77"}
    assert not any(r.startswith("E") for r in merged)
    assert len(merged) == 5 + 14 + 4


def test_xlsx_top_cell_values(sheet: Any) -> None:
    assert (sheet["C13"].value, sheet["D13"].value) == ("投资促进部", MICRO)
    assert sheet["C14"].value is None and sheet["D16"].value is None
    assert sheet["C113"].value == "区教育局" and sheet["C119"].value is None
    assert sheet["D114"].value == "区重点处" and sheet["D115"].value == "区重点处"
    assert sheet["D27"].value is None and sheet["C28"].value == "科技经贸部"
    assert sheet["C29"].value == "区发改委 区商务局"
    assert (sheet["C62"].value, sheet["D62"].value) == ("规划建设部", None)
    assert sheet["D4"].value == NEV and sheet["D12"].value == NEV
    assert sheet["E67"].value == "仓津A地块和仓津C地块规划支路建设已完成。"


def test_xlsx_layout(sheet: Any) -> None:
    assert sheet["A1"].font.name == "黑体" and sheet["B2"].font.name == "黑体"
    assert sheet["B4"].font.name == "仿宋" and sheet["E4"].alignment.wrap_text
    assert sheet["E4"].border.left.style == "thin"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"
    assert sheet.print_title_rows == "$2:$2"
    heights = [sheet.row_dimensions[r].height for r in range(4, 133)]
    assert all(h and 15 <= h <= 409 for h in heights)
    assert sheet.row_dimensions[121].height > sheet.row_dimensions[132].height
