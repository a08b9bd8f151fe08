"""Tests for examples/rebuild/seed000.py (繁昌区 2023 重点工作任务), checked against the seed."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "sources"
sys.path.insert(0, str(REPO / "examples" / "rebuild"))

import seed000  # noqa: E402

openpyxl = pytest.importorskip("openpyxl")

KEYS = {"kind", "number", "sections", "text", "deadline", "lead", "units",
        "leaders", "persons", "note", "progress", "merge_start"}


@pytest.fixture(scope="module")
def text() -> str:
    path = SEEDS / seed000.SEED
    if not path.exists():
        pytest.skip(f"seed not available: {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows(text: str) -> list[dict]:
    return seed000.parse(text)


@pytest.fixture(scope="module")
def by_number(rows: list[dict]) -> dict[str, dict]:
    return {r["number"]: r for r in rows}


@pytest.fixture(scope="module")
def workbook(rows: list[dict], tmp_path_factory: pytest.TempPathFactory):
    out = seed000.build(SEEDS, tmp_path_factory.mktemp("seed000"))
    assert out.name == seed000.OUTPUT and out.exists()
    return openpyxl.load_workbook(out)


def test_meta() -> None:
    assert seed000.SEED == "000_8885c5e24b27f197.txt"
    assert seed000.OUTPUT == "繁昌区2023年区政府重点工作任务.xlsx"
    assert seed000.META["title"] == "2023年区政府重点工作任务"
    assert seed000.META["year"] == 2023
    assert seed000.META["issuer"] == "繁昌区人民政府"
    assert seed000.META["doc_number"] == ""
    assert "繁昌区人民政府关于印发2023年区政府重点工作任务的通知" in seed000.META["source"]
    assert "2023-04-10" in seed000.META["source"]


def test_row_count_and_numbering(rows: list[dict]) -> None:
    assert len(rows) == 138
    assert [r["number"] for r in rows] == [str(n) for n in range(1, 139)]
    for r in rows:
        assert set(r) == KEYS
        assert r["kind"] == "task" and r["progress"] == ""
        assert set(r["merge_start"]) == {"work", "content"}
        assert r["text"] and r["lead"] and r["units"] and r["deadline"]


def test_main_indicators(rows: list[dict]) -> None:
    first9 = rows[:9]
    assert {r["sections"][0] for r in first9} == {"一、全年主要预期目标"}
    assert len({r["sections"][1] for r in first9}) == 8
    assert rows[6]["sections"][1] == rows[7]["sections"][1] == "7.居民收入"
    assert rows[7]["merge_start"] == {"work": False, "content": False}
    assert rows[9]["sections"][0] != "一、全年主要预期目标"


def test_row_1(by_number: dict[str, dict]) -> None:
    r = by_number["1"]
    assert r["sections"] == ["一、全年主要预期目标", "1.地区生产总值"]
    assert r["text"] == "增长8.5%左右,力争增长9%"
    assert r["deadline"] == "2023年12月底前"
    assert r["lead"] == "区发展改革委"
    assert r["units"] == ("区经济和信息化局、区住房城乡建设局、区交通运输局、区农业农村局、"
                          "区商务局、区地方金融监管局")
    assert (r["leaders"], r["persons"], r["note"]) == ("鲁胜启", "桂仁章", "")
    assert r["merge_start"] == {"work": True, "content": True}


def test_row_8_leader(by_number: dict[str, dict]) -> None:
    r = by_number["8"]
    assert r["text"] == "与经济增长相适应(农村居民收入)"
    assert r["lead"] == "区农业农村局"
    assert (r["leaders"], r["persons"]) == ("濮思廷", "")


def test_row_9_two_leads(by_number: dict[str, dict]) -> None:
    r = by_number["9"]
    assert r["sections"] == ["一、全年主要预期目标", "8.能耗及生态环境质量指标"]
    assert r["text"] == "完成市政府下达任务"
    assert r["lead"] == "区发展改革委\n区生态环境分局"
    assert r["units"] == "各镇政府、繁昌经开区管委会,区直有关单位"
    assert (r["leaders"], r["persons"]) == ("", "桂仁章\n滕德宝")


def test_row_14_three_leads(by_number: dict[str, dict]) -> None:
    r = by_number["14"]
    assert r["sections"] == ["二、突出“效率”提“效益”,筑牢实体经济“基本盘”",
                             "9.打出双招双引”“新攻势"]
    assert r["text"].startswith("实施“双招双引”和政府性投资项目两个综合金融解决方案")
    assert r["lead"] == "区财政局\n区地方金融监管局\n区发展改革委"
    assert r["units"] == "各镇政府、繁昌经开区管委会"
    assert (r["leaders"], r["persons"]) == ("鲁胜启", "王爱民\n方光雷\n桂仁章")
    assert r["merge_start"] == {"work": False, "content": False}


def test_person_lines_aligned_with_leads(by_number: dict[str, dict]) -> None:
    assert by_number["17"]["persons"] == "李春喜\n"
    assert by_number["19"]["lead"] == "区经济和信息化局\n区财政局"
    assert by_number["19"]["persons"] == "\n王爱民"
    assert by_number["46"]["persons"] == "\n管英平"
    assert by_number["71"]["persons"] == "金贤东\n汪志文\n\n柯晓飞"


def test_short_rows(by_number: dict[str, dict]) -> None:
    assert (by_number["43"]["leaders"], by_number["43"]["persons"]) == ("", "陈守锋")
    assert (by_number["54"]["leaders"], by_number["54"]["persons"]) == ("濮思廷", "")
    assert (by_number["89"]["leaders"], by_number["89"]["persons"]) == ("", "李春喜")
    assert by_number["117"]["persons"] == "郑海峰\n赵书兵"
    r = by_number["44"]
    assert (r["lead"], r["units"], r["leaders"], r["persons"]) == (
        "区经济和信息化局", "繁昌经开区管委会", "", "")


def test_split_lead_cells(by_number: dict[str, dict]) -> None:
    assert by_number["73"]["lead"] == "区城管局\n区文明办"
    assert by_number["73"]["persons"] == "柯晓飞\n张俊彪"
    r = by_number["82"]
    assert r["lead"] == "区交通运输局\n区住房城乡建设局\n区生态环境分局\n区城管局\n区经济和信息化局"
    assert r["units"] == "各镇政府、繁昌经开区管委会,区直有关单位"
    assert r["persons"] == "高宗礼\n金贤东\n滕德宝\n柯晓飞\n"
    assert by_number["125"]["lead"] == "区委宣传部\n区融媒体中心"


def test_row_137(by_number: dict[str, dict]) -> None:
    r = by_number["137"]
    assert r["sections"] == ["七、持续推进政府治理能力现代化", "27.廉政的防线更牢固"]
    assert r["text"] == "严格落实中央八项规定精神,健全完善基层减负长效机制,坚决反对形式主义、官僚主义"
    assert r["lead"] == "区委办\n区政府办"
    assert r["units"] == "区政府各部门、区直各单位"
    assert (r["leaders"], r["persons"], r["note"]) == ("鲁胜启", "\n滕德愿", "")


def test_row_138(by_number: dict[str, dict]) -> None:
    r = by_number["138"]
    assert r["text"].startswith("持之以恒推进全面从严治党")
    assert r["lead"].split("\n") == ["区住房城乡建设局", "区交通运输局", "区水务局",
                                     "区城管局", "区重点工程建设管理中心"]
    assert r["leaders"] == "鲁胜启"
    assert r["persons"].split("\n") == ["金贤东", "高宗礼", "周福星", "柯晓飞", "汪志文"]
    assert r["note"] == ""


def test_deadlines_restored(rows: list[dict], text: str) -> None:
    deadlines = [r["deadline"] for r in rows]
    assert deadlines.count("2023年12月底前") == text.count("202312月底前") == 100
    assert deadlines.count("持续推进") == 37
    assert rows[66]["deadline"] == "2023年3月底前"
    assert not any("202312" in d or "20233" in d for d in deadlines)
    assert seed000.restore_date("202312月底前") == "2023年12月底前"
    assert seed000.restore_date("持续推进") == "持续推进"


def test_sections_and_topics(rows: list[dict]) -> None:
    works = {r["sections"][0] for r in rows}
    numerals = [w.split("、")[0] for w in works]
    assert sorted(set(numerals)) == sorted("一二三四五六七")  # 合计7个方面
    assert len(works) == 8  # 五、 written once without its closing quote (rows 85, 90)
    topics = [r["sections"][1] for r in rows]
    assert len(set(topics)) == 27
    firsts = list(dict.fromkeys(int(t.split(".")[0]) for t in topics))
    assert firsts == list(range(1, 28))


def test_merge_restarts(by_number: dict[str, dict]) -> None:
    for n in ("5", "19", "25", "31", "43", "46", "111", "121"):
        assert by_number[n]["merge_start"] == {"work": True, "content": True}
    assert by_number["19"]["sections"] == by_number["18"]["sections"]
    assert by_number["18"]["merge_start"] == {"work": False, "content": True}
    assert by_number["110"]["merge_start"] == {"work": False, "content": True}


def test_workbook_header(workbook) -> None:
    ws = workbook.active
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:J1", "A2:J2", "A3:A4", "B3:C3", "E3:E4", "F3:F4", "G3:G4",
            "H3:H4", "I3:I4", "J3:J4"} <= merged
    assert ws["A1"].value == "2023年区政府重点工作任务"
    assert ws["A2"].value == "(合计7个方面,共8项指标、138项重点工作)"
    assert [ws.cell(3, c).value for c in range(1, 11)] == [
        "序号", "重点工作", None, "具体任务分解", "完成时限", "牵头单位", "责任单位",
        "牵头区领导", "责任人", "备注"]
    assert [ws.cell(4, c).value for c in (2, 3, 4)] == ["工作", "内容", "主要任务"]
    assert ws["A1"].font.name == "黑体" and ws["A3"].font.name == "黑体"
    assert ws["D5"].font.name == "仿宋" and ws["D5"].alignment.wrap_text
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"


def test_workbook_vertical_merges(workbook, rows: list[dict]) -> None:
    ws = workbook.active
    merged = {str(r) for r in ws.merged_cells.ranges}
    for col, key in (("B", "work"), ("C", "content")):
        for first, last in seed000.merge_ranges(rows, key):
            ref = f"{col}{first + 5}:{col}{last + 5}"
            assert (ref in merged) == (last > first), ref
    assert "B5:B8" in merged and "C11:C12" in merged  # rows 1-4; indicator 7
    assert "B9:B13" in merged  # rows 5-9 after the restart at row 5


def test_workbook_values(workbook, rows: list[dict]) -> None:
    ws = workbook.active
    assert ws.max_row == 4 + 138
    fields = ["text", "deadline", "lead", "units", "leaders", "persons", "note"]
    for i, r in enumerate(rows):
        excel_row = 5 + i
        assert str(ws.cell(excel_row, 1).value) == r["number"]
        if r["merge_start"]["work"]:
            assert ws.cell(excel_row, 2).value == r["sections"][0]
        if r["merge_start"]["content"]:
            assert ws.cell(excel_row, 3).value == r["sections"][1]
        values = [ws.cell(excel_row, c).value or "" for c in range(4, 11)]
        assert values == [r[f] for f in fields], r["number"]
    assert workbook.properties.created.year == 2023
