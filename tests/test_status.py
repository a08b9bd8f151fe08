"""Statuses and lights on plain objects: the vocabulary, the text's words, deadlines, 序时进度, several lead
units, the rules table and its overrides, the weak-return hints, and the printed 完成状态 column."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers import write_xlsx

import govtasks as gt
from govtasks import Breakdown, CellRef, Progress, Returns, Task
from govtasks.breakdown.deadlines import parse_deadline
from govtasks.report.rules import StatusRules

Q2 = "2024Q2"  # ends 2024-06-30; 序时进度 50 %


def task(tid: str, lead: tuple[str, ...] = ("甲局",), deadline: str = "", **kw: object) -> Task:
    return Task(id=tid, number=tid.lstrip("T0"), path=("一、经济",), text=f"任务{tid}", lead=lead,
                deadline=parse_deadline(deadline, 2024), **kw)  # type: ignore[arg-type]


def answer(tid: str, unit: str = "甲局", progress: str = "", status: str = "", problems: str = "") -> Progress:
    return Progress(task_id=tid, unit=unit, role="牵头", status=status, progress=progress, problems=problems,
                    source=CellRef(file=f"{unit}.xlsx", sheet="进展情况表", row=5, column="I"))


def assess(tasks: list[Task], answers: list[Progress], *, period: str = Q2, rules: object = None) -> dict:
    report = gt.merge(Breakdown(title="某区2024年重点工作", year=2024, tasks=tuple(tasks)),
                      Returns(entries=tuple(answers), period=period), rules=rules)  # type: ignore[arg-type]
    return {"report": report, "by": report.assessment.by_task()}


@pytest.mark.parametrize("written, status", [("已完成", "已完成"), ("基本完成", "序时推进"), ("正在推进", "序时推进"),
                                             ("进度滞后", "滞后"), ("欠进度", "滞后"), ("尚未启动", "未启动"),
                                             (" 超进度 ", "序时推进"), ("办结。", "已完成")])
def test_the_vocabulary_and_its_synonyms(written: str, status: str) -> None:
    found = assess([task("T001")], [answer("T001", progress="有关工作情况。", status=written)])
    st = found["by"]["T001"]
    assert st.status == status
    assert st.units[0].basis == "完成状态" and st.units[0].written == written.strip()


def test_an_unknown_word_is_reported_and_the_text_decides() -> None:
    found = assess([task("T001")], [answer("T001", progress="项目主体工程已竣工验收。", status="良好")])
    assert found["by"]["T001"].status == "已完成" and found["by"]["T001"].units[0].basis == "进展情况"
    (issue,) = found["report"].issues.by_code("status-unknown")
    assert str(issue.where) == "甲局.xlsx!进展情况表!I5" and "完成状态“良好”不能归入" in issue.message


@pytest.mark.parametrize("text, status, word", [
    ("项目已建成投用。", "已完成", "已建成"),
    ("一期已完工，二期正在施工。", "序时推进", "正在"),          # a 完成 word, but the work goes on
    ("上半年已完成3处改造。下一步将完成其余2处。", "序时推进", "下一步"),
    ("因资金未到位，项目暂停。", "滞后", "暂停"),
    ("受征迁影响，进度缓慢，已完成设计。", "滞后", "进度缓慢"),  # lagging words come first
    ("项目尚未启动。", "未启动", "尚未启动"),
    ("前期手续正在办理，尚未开工。", "序时推进", "正在"),
    ("召开专题会议研究部署。", "序时推进", ""),
])
def test_status_from_the_words_of_the_text(text: str, status: str, word: str) -> None:
    st = assess([task("T001")], [answer("T001", progress=text)])["by"]["T001"]
    assert (st.status, st.units[0].word) == (status, word)


def test_the_deadline_against_the_periods_end() -> None:
    tasks = [task("T001", deadline="2024年6月底前"), task("T002", deadline="7月15日前"), task("T003", deadline="9月底前"),
             task("T004", deadline="6月底前"), task("T005", deadline="持续推进")]
    answers = [answer(t.id, progress="工作推进中。", status="序时推进") for t in tasks[:3]]
    answers += [answer("T004", progress="已完成。", status="已完成"), answer("T005", progress="推进中。", status="序时推进")]
    by = assess(tasks, answers)["by"]
    assert (by["T001"].light, by["T001"].reason) == ("红", "完成时限2024年6月底前已过，仍报“序时推进”")
    assert (by["T002"].light, by["T002"].reason) == ("黄", "距完成时限7月15日前仅15天（不足30天），尚未完成")
    assert (by["T003"].light, by["T003"].reason) == ("绿", "报“序时推进”")
    assert (by["T004"].light, by["T005"].light, by["T005"].due) == ("绿", "绿", None)


def test_a_stated_share_against_the_elapsed_share() -> None:
    texts = {"T001": "完成年度目标任务的45%。", "T002": "总进度完成35%。", "T003": "完成率15%。", "T004": "同比增长5%。"}
    by = assess([task(t) for t in texts], [answer(t, progress=x, status="序时推进") for t, x in texts.items()])["by"]
    assert [by[t].light for t in texts] == ["绿", "黄", "红", "绿"]  # 5, 15 and 35 points behind 50 %; a growth rate is no share
    assert by["T003"].reason == "自报完成15%，序时进度50%，落后35个百分点（超过30个）"


def test_milestones_are_the_tasks_own_elapsed_share() -> None:
    plan = (("时间节点", "3月底前完成方案；9月底前开工；12月底前建成"),)
    early = assess([task("T001", extra=plan)], [answer("T001", progress="项目尚未启动。")], period="2024Q1")["by"]["T001"]
    assert (early.status, early.light, round(early.expected, 3)) == ("未启动", "黄", 0.333)
    later = task("T002", extra=(("时间节点", "9月底前开工；12月底前建成"),))
    st = assess([later], [answer("T002", progress="项目尚未启动。")])["by"]["T002"]
    assert (st.status, st.light, st.expected) == ("未启动", "绿", 0.0)
    assert st.reason == "未填完成状态，进展情况写有“尚未启动”，按“未启动”计，未到第一个时间节点（9月30日）"


def test_several_lead_units_combine_to_the_worst_and_a_missing_one_is_named() -> None:
    both = task("T001", lead=("甲局", "乙局", "丙局"))
    by = assess([both], [answer("T001", "甲局", "推进中。", "序时推进"), answer("T001", "乙局", "进度滞后。", "滞后")])["by"]
    st = by["T001"]
    assert (st.status, st.light) == ("滞后", "黄")
    assert st.reason == "【乙局】报“滞后”；【丙局】未报送"
    assert st.printed == "【甲局】序时推进\n【乙局】滞后\n【丙局】未报送"
    none = assess([both], [])["by"]["T001"]
    assert (none.status, none.light, none.reason) == ("未报送", "", "牵头单位【甲局】、【乙局】、【丙局】未报送")


def test_the_printed_report_names_the_lead_unit_that_did_not_report(tmp_path: Path) -> None:
    """Issue 12, item 4: a task with several lead units reads 【市交通运输局】未报送, and each lead unit's status."""
    t = task("T017", lead=("市发改委", "市交通运输局"))
    report = assess([t], [answer("T017", "市发改委", "完成前期工作。", "基本完成")])["report"]
    ws = openpyxl.load_workbook(gt.write_report(report, tmp_path / "r.xlsx", with_status=True))["重点工作进展情况"]
    row = [c.value for c in ws[5]]
    assert row[4] == "【市发改委】完成前期工作。\n【市交通运输局】未报送"
    assert row[5] == "【市发改委】序时推进\n【市交通运输局】未报送"  # 基本完成 is printed as its class


def _lights(rules: object) -> dict[str, str]:
    tasks = [task("T001", deadline="7月15日前"), task("T002"), task("T003")]
    answers = [answer("T001", progress="推进中。", status="序时推进"), answer("T002", progress="总进度完成35%。"),
               answer("T003", progress="基本完成。", status="基本完成")]
    return {k: (v.status, v.light) for k, v in assess(tasks, answers, rules=rules)["by"].items()}


def test_overriding_the_rules_changes_the_lights_as_documented(tmp_path: Path) -> None:
    assert _lights(None) == {"T001": ("序时推进", "黄"), "T002": ("序时推进", "黄"), "T003": ("序时推进", "绿")}
    assert _lights({"临近时限天数": 10, "黄灯落后序时百分点": 20}) == {
        "T001": ("序时推进", "绿"), "T002": ("序时推进", "绿"), "T003": ("序时推进", "绿")}
    assert _lights({"red_behind": 10, "完成状态同义词": "基本完成=已完成"}) == {
        "T001": ("序时推进", "黄"), "T002": ("序时推进", "红"), "T003": ("已完成", "绿")}
    book = write_xlsx(tmp_path / "规则.xlsx", {"亮灯规则": [["规则", "值", "说明"], ["临近时限天数", "10", ""],
                                                           ["滞后亮灯", "红", ""], ["连续黄灯转红", "否", ""]]})
    rules = gt.read_rules(book)
    assert (rules.warn_days, rules.lagging_light, rules.yellow_twice_red, rules.red_behind) == (10, "红", False, 30.0)
    assert _lights(rules)["T001"] == ("序时推进", "绿")
    with pytest.raises(ValueError, match="未知的亮灯规则“黄灯天数”"):
        StatusRules().override({"黄灯天数": 3})
    with pytest.raises(ValueError, match="“基本完成”应归入 已完成、序时推进、滞后 或 未启动"):
        StatusRules().override({"完成状态同义词": "基本完成=差不多"})


def test_the_report_carries_its_rules_and_reads_back_as_a_rules_workbook(tmp_path: Path) -> None:
    report = assess([task("T001")], [answer("T001", progress="推进中。")], rules={"临近时限天数": 12})["report"]
    path = gt.write_report(report, tmp_path / "r.xlsx")
    assert gt.read_rules(path) == StatusRules(warn_days=12)


def test_weak_returns_are_hints_that_change_no_text() -> None:
    tasks = [task("T001"), task("T002"), task("T003"), task("T004", deadline="6月底前")]
    long = "认真贯彻落实上级决策部署，高度重视，加强组织领导，压实工作责任，强化督促检查，确保各项工作落到实处，取得明显成效，群众满意度不断提升。"
    answers = [answer("T001", progress="已推进。"), answer("T002", progress=long), answer("T003", status="序时推进"),
               answer("T004", progress="完成设计3项，开工2处。", status="序时推进")]
    report = assess(tasks, answers)["report"]
    hints = [(i.code, i.task_id, i.severity.value) for i in report.issues]
    assert hints == [("token-answer", "T001", "info"), ("no-figures", "T002", "info"), ("token-answer", "T003", "info"),
                     ("no-problems", "T004", "info")]
    assert [p.progress for p in report.lead] == ["已推进。", long, "", "完成设计3项，开工2处。"]
    messages = [i.message for i in report.issues]
    assert messages[0] == "甲局第1项：进展情况只写了“已推进。”，没有实质内容；请补充本期具体做了什么、进展到哪一步"
    assert "只报喜不报忧" in messages[3]


def test_status_frame_and_the_lights_sheet(tmp_path: Path) -> None:
    report = assess([task("T001", deadline="6月底前")], [answer("T001", progress="推进中。", status="序时推进")])["report"]
    frame = report.status_frame()
    assert frame.loc[0, ["任务编号", "完成时限", "序时进度", "综合状态", "亮灯"]].tolist() == ["T001", "6月底前", "50.0%",
                                                                                     "序时推进", "红"]
    ws = openpyxl.load_workbook(gt.write_report(report, tmp_path / "r.xlsx"))["亮灯情况"]
    assert ws["A2"].value.startswith("报告期：2024Q2（2024年第二季度）；序时进度50.0%")
    assert [c.value for c in ws[4]][6:9] == ["序时推进", "红", "完成时限6月底前已过，仍报“序时推进”"]
    assert ws["H4"].fill.fgColor.rgb == "FFFFC7CE" and ws.column_dimensions["N"].hidden


def test_the_stats_sheet_charts_the_units_with_most_tasks_not_on_track(tmp_path: Path) -> None:
    tasks = [task(f"T{i:03d}", lead=(f"第{i:02d}局",)) for i in range(1, 46)]
    answers = [answer(t.id, t.lead[0], "推进中。", "滞后" if i % 9 == 0 else "序时推进") for i, t in enumerate(tasks, start=1)]
    report = assess(tasks, answers)["report"]
    ws = openpyxl.load_workbook(gt.write_report(report, tmp_path / "r.xlsx"))["统计"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    head = next(i for i, r in enumerate(rows) if str(r[0]).startswith("图表数据"))
    assert rows[head][0] == "图表数据：滞后、未启动、未报送任务较多的40个牵头单位"
    block = rows[head + 1: head + 41]
    assert [r[1] for r in block[:5]] == ["第09局", "第18局", "第27局", "第36局", "第45局"]  # the five 滞后 first
    assert [r[5] for r in block[:6]] == [1, 1, 1, 1, 1, 0] and len(ws._charts) == 2
    # the 45 unit rows above (not charted: written as text rows) are numbers with their formats
    unit = next(row for row in ws.iter_rows() if row[1].value == "第09局")
    assert [c.value for c in unit[:8]] == ["牵头单位", "第09局", 1, 0, 0, 1, 0, 0]
    assert (unit[10].value, unit[10].number_format, unit[10].data_type) == (1, "0.0%", "n")
    assert [c.value for c in unit[13:16]] == [0, 1, 0]
    with zipfile.ZipFile(tmp_path / "r.xlsx") as z:  # the section chart's cached values: one section, 40 + 5 tasks
        sections = z.read("xl/charts/chart1.xml").decode()
    assert re.findall(r"<c:v>([^<]*)</c:v>", sections)[:4] == ["已完成", "一、经济", "0", "序时推进"]
    assert "<c:v>40</c:v>" in sections and "<c:v>5</c:v>" in sections
