"""Tests for examples/rebuild/seed001.py (芜湖市 2024 任务分解, seed 001).

Expected values are copied from the seed text; the only differences are the
documented restorations (full-width "，（）；" for the scrape's "," "(" ")" ";").
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "sources"
sys.path.insert(0, str(REPO / "examples" / "rebuild"))

import seed001  # noqa: E402

GROUP = "各县市区政府、\n开发区管委会"
L1 = ["一、主要预期目标", "二、主要做好十个方面工作", "三、加强政府自身建设"]
SEC_ONE = "（一）优化政策机制，激发经济增长新动能。"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return (SEEDS / seed001.SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows(seed_text: str) -> list[dict]:
    return seed001.parse(seed_text)


@pytest.fixture(scope="module")
def tasks(rows: list[dict]) -> dict[str, dict]:
    return {r["number"]: r for r in rows if r["kind"] == "task"}


def sections(rows: list[dict], level: int) -> list[dict]:
    return [r for r in rows if r["kind"] == "section" and r["level"] == level]


def test_constants() -> None:
    assert seed001.SEED == "001_f882c3b85ce2465f.txt"
    assert seed001.OUTPUT == "芜湖市2024年度市政府重点工作任务分解.xlsx"
    assert seed001.META["title"] == "2024年度市政府重点工作任务分解"
    assert seed001.META["year"] == 2024
    assert seed001.META["issuer"] == "芜湖市人民政府"
    assert seed001.META["doc_number"] == ""
    assert "2024-04-09" in seed001.META["source"]
    assert "\n" not in seed001.META["source"]


def test_220_tasks_in_order(rows: list[dict]) -> None:
    numbers = [r["number"] for r in rows if r["kind"] == "task"]
    assert numbers == [str(n) for n in range(1, 221)]


def test_task_keys(rows: list[dict]) -> None:
    keys = {"kind", "number", "sections", "text", "deadline", "lead", "units",
            "leaders", "persons", "note", "progress"}
    for r in rows:
        if r["kind"] == "task":
            assert set(r) == keys
            assert r["lead"] and r["text"]
            assert r["deadline"] == r["leaders"] == r["persons"] == ""
            assert r["note"] == r["progress"] == ""
        else:
            assert set(r) == {"kind", "level", "number", "text"}


def test_level1_sections(rows: list[dict]) -> None:
    assert [r["text"] for r in sections(rows, 1)] == L1
    assert all(r["number"] == "" for r in sections(rows, 1))


def test_level2_sections(rows: list[dict]) -> None:
    level2 = [r["text"] for r in sections(rows, 2)]
    assert len(level2) == 14
    assert level2[0] == SEC_ONE
    assert level2[9] == "（十）共建共治共享，用心用情做好群众关心的事。"
    assert level2[10] == "（一）打造执行力更强的创新政府。"
    assert level2[13] == "（四）打造服务更优的人民满意政府。"


def test_topic_rows(rows: list[dict]) -> None:
    topics = sections(rows, 3)
    assert len(topics) == 37
    assert (topics[0]["number"], topics[0]["text"]) == ("1", "提高政策工具质效。")
    assert (topics[-1]["number"], topics[-1]["text"]) == ("4", "防范化解重点领域风险。")
    counts: list[int] = []
    for r in rows:
        if r["kind"] == "section" and r["level"] == 2:
            counts.append(0)
        elif r["kind"] == "section" and r["level"] == 3:
            counts[-1] += 1
    assert counts == [5, 5, 3, 4, 3, 4, 3, 3, 3, 4, 0, 0, 0, 0]


def test_tasks_per_level1(tasks: dict[str, dict]) -> None:
    per = [sum(t["sections"][0] == h for t in tasks.values()) for h in L1]
    assert per == [10, 197, 13]


def test_task_1(tasks: dict[str, dict]) -> None:
    t = tasks["1"]
    assert t["sections"] == ["一、主要预期目标"]
    assert t["text"] == "地区生产总值增长7.5%左右。"
    assert (t["lead"], t["units"]) == ("市发改委", GROUP)


def test_task_3(tasks: dict[str, dict]) -> None:
    t = tasks["3"]
    assert t["sections"] == ["一、主要预期目标"]
    assert t["text"] == "首位产业规模力争占全省一半以上。"
    assert t["lead"] == "市发改委\n市经信局\n市商务局\n市交通运输局"
    assert t["units"] == GROUP


def test_tasks_1_to_10_only_level1(tasks: dict[str, dict]) -> None:
    for n in range(1, 11):
        assert tasks[str(n)]["sections"] == ["一、主要预期目标"]


def test_task_5_duplicate_starts_units(tasks: dict[str, dict]) -> None:
    assert tasks["5"]["lead"] == "市科技局"
    assert tasks["5"]["units"] == "市科技局\n" + GROUP


def test_task_11_six_leads_no_units(tasks: dict[str, dict]) -> None:
    t = tasks["11"]
    assert t["sections"] == [L1[1], SEC_ONE, "1 提高政策工具质效。"]
    assert t["text"] == ("全面优化整合政策体系，统筹好规划、财政、产业、科技、金融等政策工具，"
                         "放大组合效应。")
    assert t["lead"] == "市发改委\n市自规局\n市财政局\n市经信局\n市科技局\n市地方金融局"
    assert t["units"] == ""


def test_task_13_lead_from_published_report(tasks: dict[str, dict]) -> None:
    assert tasks["13"]["lead"] == "市经信局\n市科技局"
    assert tasks["13"]["units"] == "市发改委\n" + GROUP


def test_task_14_wrapped_unit_name(tasks: dict[str, dict]) -> None:
    t = tasks["14"]
    assert t["sections"] == [L1[1], SEC_ONE, "1 提高政策工具质效。"]
    assert t["text"] == "全力帮助企业解决税费、融资、用工等方面难题。"
    assert t["lead"] == "市税务局\n市地方金融局\n市人社局"
    assert t["units"] == "人行芜湖分行\n国家金融监管\n总局芜湖分局\n" + GROUP
    assert tasks["15"]["lead"] == "市地方金融局\n国家金融监管总局芜湖分局\n市市场监管局"


def test_task_23_alias_line_and_topic(tasks: dict[str, dict]) -> None:
    t = tasks["23"]
    assert t["sections"][2] == "2 推动有效投资攻坚。"
    assert t["text"] == "挖掘基础设施投资潜力，实施四促攻坚项目130个以上。"
    assert t["lead"] == "市住建局\n（市人民城建办）\n市发改委"
    assert t["units"] == GROUP


def test_tasks_89_100(tasks: dict[str, dict]) -> None:
    assert tasks["89"]["lead"] == "市科技局"
    assert tasks["89"]["units"] == GROUP + "\n市建投公司\n市宜居公司"
    assert tasks["100"]["lead"] == "市人才办\n市人社局\n市教育局\n团市委"
    assert tasks["100"]["units"] == "市科技局"
    assert tasks["100"]["sections"][2] == "4 做优人才服务。"


def test_task_105_after_padded_topic(tasks: dict[str, dict]) -> None:
    t = tasks["105"]
    assert t["sections"] == [L1[1], "（五）聚焦供给侧发力，提振芜湖消费品牌。",
                             "1 加快建设区域消费中心。"]
    assert (t["lead"], t["units"]) == ("市商务局\n市文旅局", "")


def test_task_213(tasks: dict[str, dict]) -> None:
    t = tasks["213"]
    assert t["sections"] == [L1[2], "（三）打造忠诚干净的廉洁政府。"]
    assert t["text"].startswith("把全面从严治党要求贯穿政府工作始终，做到忠专实、勤正廉。")
    assert t["text"].endswith("坚决惩治群众身边的不正之风和腐败问题。")
    assert (t["lead"], t["units"]) == ("市政府办\n市政府督查办", "")


def test_task_220(tasks: dict[str, dict]) -> None:
    t = tasks["220"]
    assert t["sections"] == [L1[2], "（四）打造服务更优的人民满意政府。"]
    assert t["text"] == ("践行四下基层，多到困难多、群众意见集中、工作打不开局面的地方开展调研，"
                         "在一线发现问题、解决问题，当好人民的勤务员。")
    assert (t["lead"], t["units"]) == ("市政府办", "")


def test_empty_units_count(tasks: dict[str, dict]) -> None:
    assert sum(t["units"] == "" for t in tasks.values()) == 129


def test_every_line_comes_from_the_seed(seed_text: str, rows: list[dict]) -> None:
    seed_lines = set(seed_text.split("\n"))
    for r in rows:
        cells = [r["text"]] if r["kind"] == "section" else [r["text"], r["lead"], r["units"]]
        for cell in cells:
            for line in filter(None, cell.split("\n")):
                assert unicodedata.normalize("NFKC", line) in seed_lines, line
                assert not set(line) & set(",();"), line


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory):
    out = seed001.build(SEEDS, tmp_path_factory.mktemp("seed001"))
    assert out.name == seed001.OUTPUT
    wb = openpyxl.load_workbook(out)
    return wb, wb.worksheets[0]


def test_xlsx_title_header_and_setup(sheet) -> None:
    wb, ws = sheet
    assert ws["A1"].value == "2024年度市政府重点工作任务分解"
    assert "A1:D1" in {str(m) for m in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == ["序号", "目标与任务", "牵头责任单位", "责任单位"]
    assert ws["A1"].font.name == "黑体" and ws["B2"].font.name == "黑体"
    assert ws["B4"].font.name == "仿宋"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"
    assert ws.print_title_rows == "$2:$2"
    assert wb.properties.created.year == 2024


def test_xlsx_matches_parse(sheet, rows: list[dict]) -> None:
    _, ws = sheet
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert ws.max_row == len(rows) + 2
    for i, r in enumerate(rows, start=3):
        values = [ws.cell(i, c).value for c in range(1, 5)]
        if r["kind"] == "section" and r["level"] < 3:
            assert f"A{i}:D{i}" in merged
            assert values[0] == r["text"] and ws.cell(i, 1).font.b
        elif r["kind"] == "section":
            assert f"B{i}:D{i}" in merged
            assert [str(values[0]), values[1]] == [r["number"], r["text"]]
        else:
            got = [str(values[0])] + [v or "" for v in values[1:]]
            assert got == [r["number"], r["text"], r["lead"], r["units"]]
            assert ws.cell(i, 2).alignment.wrap_text
    assert len(merged) == 1 + 3 + 14 + 37
