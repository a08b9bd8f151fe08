"""Tests that kill mutants of govtasks/report/stats.py and govtasks/report/merge.py (tools/README.md,
"Mutation testing"): literal expected values derived from the rules (docs/status.md, docs/returns.md),
never pasted from a run.

The stats scenario (2024年第二季度, due 2024-07-05; 序时进度 50 %):

=====  ==========  =====================  ===================================  ===========
task   section     lead                   answers                              task
=====  ==========  =====================  ===================================  ===========
T001   一、经济发展  区财政局                已完成                                已完成 绿
T002   一、经济发展  区财政局、区发改委        序时推进 / 滞后                        滞后 黄
T003   一、经济发展  区发改委 (6月底前)        序时推进, the deadline passed          序时推进 红
T004   二、城市建设  区住建局                nothing                              未报送 (no light)
T005   二、城市建设  区住建局、区财政局        — / 未启动                             未启动 黄
T006   (none)      区城管局                序时推进                              序时推进 绿
=====  ==========  =====================  ===================================  ===========

区科技局 cooperates on T001 and returns without a saved time; 区统计局 returns a form but has no task.
Saved: 区财政局 07-03 (按时), 区发改委 07-08 (逾期), 区城管局 07-05 23:00 (the due day: 按时).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govtasks as gt
from govtasks import Breakdown, CellRef, Progress, ReturnFile, Returns, Task
from govtasks.breakdown.deadlines import parse_deadline
from govtasks.report import stats as S
from govtasks.report.history import History, PastPeriod, PastTask

FIN, DEV, HOUSING, CITY, TECH, BUREAU = "区财政局", "区发改委", "区住建局", "区城管局", "区科技局", "区统计局"
ECON, BUILD = "一、经济发展", "二、城市建设"
DUE = dt.date(2024, 7, 5)


def _task(tid: str, lead: tuple[str, ...], path: tuple[str, ...], deadline: str = "", coop: tuple[str, ...] = ()) -> Task:
    return Task(id=tid, number=tid[-1], path=path, text=f"重点任务{tid[-1]}", lead=lead, coop=coop,
                deadline=parse_deadline(deadline, 2024))


TASKS = (
    _task("T001", (FIN,), (ECON, "（一）财政"), coop=(TECH,)),
    _task("T002", (FIN, DEV), (ECON, "（二）投资")),
    _task("T003", (DEV,), (ECON, "（二）投资"), deadline="2024年6月底前"),
    _task("T004", (HOUSING,), (BUILD,)),
    _task("T005", (HOUSING, FIN), (BUILD,)),
    _task("T006", (CITY,), ()),
)
BD = Breakdown(title="某区2024年区政府重点工作任务分解", issuer="某区人民政府", year=2024, tasks=TASKS)


def _answer(tid: str, unit: str, status: str, progress: str = "按计划推进相关工作。") -> Progress:
    return Progress(task_id=tid, unit=unit, role="牵头", status=status, progress=progress,
                    source=CellRef(file=f"{unit}.xlsx", sheet="进展情况表", row=5, column="I"))


ANSWERS = (
    _answer("T001", FIN, "已完成", "已全部完成。"), _answer("T002", FIN, "序时推进"), _answer("T002", DEV, "滞后"),
    _answer("T003", DEV, "序时推进"), _answer("T005", FIN, "未启动", "尚未启动。"), _answer("T006", CITY, "序时推进"),
    Progress(task_id="T001", unit=TECH, role="配合", progress="配合完成资金拨付。"),
)
FILES = (
    ReturnFile(file="区财政局.xlsx", unit=FIN, mtime=dt.datetime(2024, 7, 3, 9)),
    ReturnFile(file="区发改委.xlsx", unit=DEV, mtime=dt.datetime(2024, 7, 8, 16)),
    ReturnFile(file="区城管局.xlsx", unit=CITY, mtime=dt.datetime(2024, 7, 5, 23)),
    ReturnFile(file="区科技局.xlsx", unit=TECH),
    ReturnFile(file="区统计局.xlsx", unit=BUREAU, mtime=dt.datetime(2024, 7, 9)),
)


def _report(**kw: object) -> gt.Report:
    returns = Returns(entries=ANSWERS, files=FILES, period="2024Q2", due=DUE)
    return gt.merge(BD, dataclasses.replace(returns, **kw))  # type: ignore[arg-type]


def _stats(**kw: object) -> S.Stats:
    """Computed in each test (not at import), so that mutmut runs it under each mutant."""
    return S.compute_stats(_report(**kw))


# --- compute_stats: the totals, sections and units ----------------------------------------------

def test_the_total_counts_each_task_once_by_its_worst_reported_status() -> None:
    """合计: 已完成 T001, 序时推进 T003 T006, 滞后 T002, 未启动 T005, 未报送 T004; 未报送 has no light."""
    t = _stats().total
    assert (t.kind, t.name, t.statuses, t.lights, t.returned, t.on_time) == ("合计", "合计", (1, 2, 1, 1, 1), (2, 2, 1), "", "")
    assert t.tasks == 6


def test_sections_in_order_of_first_task_and_one_for_tasks_without_a_heading() -> None:
    """一级标题 only (the second level is not a section of its own); a task without a path is （无标题）."""
    assert [(c.kind, c.name, c.statuses, c.lights) for c in _stats().sections] == [
        ("一级标题", ECON, (1, 1, 1, 0, 0), (1, 1, 1)),
        ("一级标题", BUILD, (0, 0, 0, 1, 1), (0, 1, 0)),
        ("一级标题", "（无标题）", (0, 1, 0, 0, 0), (1, 0, 0)),
    ]


def test_units_count_their_own_status_on_each_task_they_lead() -> None:
    """A unit counts its own status (区财政局 序时推进 on T002, where the task is 滞后) and its 未报送
    (区住建局 on T005, which is 未启动 by 区财政局); returned and on time from its file."""
    assert [(c.kind, c.name, c.statuses, c.lights, c.returned, c.on_time) for c in _stats().units] == [
        ("牵头单位", FIN, (1, 1, 0, 1, 0), (2, 1, 0), "已报送", "按时"),
        ("牵头单位", DEV, (0, 1, 1, 0, 0), (0, 1, 1), "已报送", "逾期"),
        ("牵头单位", HOUSING, (0, 0, 0, 0, 2), (0, 0, 0), "未报送", ""),
        ("牵头单位", CITY, (0, 1, 0, 0, 0), (1, 0, 0), "已报送", "按时"),
    ]


def test_without_a_due_date_a_returned_unit_is_neither_on_time_nor_late() -> None:
    units = {c.name: (c.returned, c.on_time) for c in S.compute_stats(_report(due=None)).units}
    assert units == {FIN: ("已报送", ""), DEV: ("已报送", ""), HOUSING: ("未报送", ""), CITY: ("已报送", "")}


def test_a_lead_unit_missing_from_the_return_status_has_no_return_marks() -> None:
    """A report whose 填报情况 lists no unit (built by hand) still counts the units, with blank marks."""
    report = dataclasses.replace(_report(), units=())
    units = S.compute_stats(report).units
    assert [(c.name, c.returned, c.on_time) for c in units] == [(FIN, "", ""), (DEV, "", ""), (HOUSING, "", ""), (CITY, "", "")]
    assert units[0].statuses == (1, 1, 0, 1, 0)


def test_a_task_row_without_a_status_is_not_counted() -> None:
    """Rows the assessment does not know (a report edited by hand) are skipped, not counted as 未报送."""
    extra = gt.ReportRow(kind="task", text="临时增加的任务", task_id="T099", path=(BUILD,), lead=(FIN,))
    report = _report()
    report = dataclasses.replace(report, rows=(extra, *report.rows))  # first: the tasks after it still count
    stats = S.compute_stats(report)
    assert stats.total.statuses == (1, 2, 1, 1, 1)
    assert [c.statuses for c in stats.sections if c.name == BUILD] == [(0, 0, 0, 1, 1)]


def test_a_report_without_assessment_is_refused() -> None:
    with pytest.raises(ValueError, match="^该汇总结果没有完成状态（请用 govtasks.merge 生成）$"):
        S.compute_stats(dataclasses.replace(_report(), assessment=None))
    with pytest.raises(ValueError, match="没有完成状态"):
        S.status_rows(dataclasses.replace(_report(), assessment=None))


# --- Counts -------------------------------------------------------------------------------------

def test_counts_by_status_and_by_light() -> None:
    fin = _stats().units[0]
    assert [fin.count(s) for s in ("已完成", "序时推进", "滞后", "未启动", "未报送")] == [1, 1, 0, 1, 0]
    assert [fin.count(c) for c in ("绿", "黄", "红")] == [2, 1, 0]
    dev = _stats().units[1]
    assert (dev.count("红"), dev.count("黄"), dev.count("绿")) == (1, 1, 0)


def test_shares_are_of_the_tasks_counted_and_zero_without_tasks() -> None:
    t = _stats().total
    assert t.share("序时推进") == pytest.approx(2 / 6) and t.share("未报送") == pytest.approx(1 / 6)
    assert t.share("绿") == pytest.approx(2 / 6) and t.share("红") == pytest.approx(1 / 6)
    empty = S.Counts(kind="牵头单位", name=FIN)
    assert (empty.tasks, empty.share("已完成"), empty.share("红"), empty.statuses, empty.lights) == (0, 0.0, 0.0, (0,) * 5, (0,) * 3)
    assert (empty.returned, empty.on_time) == ("", "")


def test_counts_of_a_status_without_light_and_a_light_of_each_colour() -> None:
    """_counts: 未报送 carries no light, each colour goes to its own slot."""
    c = S._counts("牵头单位", HOUSING, [("未报送", ""), ("滞后", "黄"), ("已完成", "绿"), ("序时推进", "红"), ("未启动", "黄")],
                  "已报送", "逾期")
    assert (c.kind, c.name, c.statuses, c.lights, c.returned, c.on_time) == (
        "牵头单位", HOUSING, (1, 1, 1, 1, 1), (1, 2, 1), "已报送", "逾期")
    assert S._counts("合计", "合计", []) == S.Counts(kind="合计", name="合计")


# --- Timeliness ---------------------------------------------------------------------------------

def test_timeliness_counts_the_units_with_tasks() -> None:
    """区统计局 (no task) is left out; 区科技局 (cooperating, no saved time) returned but is not on time;
    区城管局 saved on the due day is on time."""
    t = _stats().timeliness
    assert (t.due, t.units, t.returned, t.on_time, t.late, t.missing) == (DUE, 5, 4, 2, (DEV,), (HOUSING,))
    assert t.rate == pytest.approx(2 / 5) and t.returned_rate == pytest.approx(4 / 5)


def test_without_a_due_date_there_is_no_rate() -> None:
    t = S.compute_stats(_report(due=None)).timeliness
    assert (t.due, t.units, t.returned, t.on_time, t.late, t.missing) == (None, 5, 4, 0, (), (HOUSING,))
    assert t.rate is None and t.returned_rate == pytest.approx(0.8)


def test_rates_without_units() -> None:
    t = S.Timeliness(due=DUE, units=0, returned=0, on_time=0)
    assert (t.rate, t.returned_rate, t.late, t.missing) == (None, 0.0, (), ())
    assert S.Timeliness(due=DUE, units=4, returned=3, on_time=1).rate == 0.25
    assert S.Timeliness(due=None, units=4, returned=3, on_time=1).returned_rate == 0.75


# --- sentences and words ------------------------------------------------------------------------

@pytest.mark.parametrize("title, word", [
    ("芜湖市2024年度市政府重点工作任务分解", "全市"), ("某区2024年区政府重点工作任务分解", "全区"),
    ("繁昌县2023年重点工作", "全县"), ("安徽省2024年重点工作", "全省"), ("孙村镇2024年重点工作", "全镇"),
    ("峨桥乡2024年重点工作", "全乡"), ("黔东南州2024年重点工作", "全州"), ("锡林郭勒盟2024年重点工作", "全盟"),
    ("额济纳旗2024年重点工作", "全旗"), (" 弋江区 2023年重点工作", "全区"), ("区政府2024年重点工作", ""),
    ("2024年重点工作任务", ""), ("", ""), ("繁昌区重点工作任务", ""), ("某区重点工作2024年任务", ""),
    ("某区2024年重点工作（2024年第二季度）", "全区"),
    ("某区1920年代2024年", ""),
])
def test_scope_word(title: str, word: str) -> None:
    """The place before the first “20”; its last character tells 市 / 区 / 县 …"""
    assert S.scope_word(title) == word


def test_overall_and_lights_sentences() -> None:
    assert S.overall_sentence(_stats(), "全区") == "全区6项重点工作中，已完成1项、序时推进2项、滞后1项、未启动1项、未报送1项。"
    assert S.overall_sentence(_stats()) == "6项重点工作中，已完成1项、序时推进2项、滞后1项、未启动1项、未报送1项。"
    assert S.lights_sentence(_stats()) == "亮绿灯2项、黄灯2项、红灯1项。"


@pytest.mark.parametrize("share, text", [(0.087, "8.7%"), (1 / 3, "33.3%"), (0.0, "0.0%"), (1.0, "100.0%"), (0.0005, "0.1%")])
def test_percent(share: float, text: str) -> None:
    assert S.percent(share) == text


# --- stats_rows / stats_frame -------------------------------------------------------------------

def test_stats_rows_total_then_sections_then_units_with_rounded_shares() -> None:
    rows = S.stats_rows(_stats())
    assert len(rows) == 1 + 3 + 4
    assert rows[0] == ("合计", "合计", 6, 1, 2, 1, 1, 1, 0.1667, 0.3333, 0.1667, 0.1667, 0.1667, 2, 2, 1, "", "")
    assert rows[2] == ("一级标题", BUILD, 2, 0, 0, 0, 1, 1, 0.0, 0.0, 0.0, 0.5, 0.5, 0, 1, 0, "", "")
    assert rows[5] == ("牵头单位", DEV, 2, 0, 1, 1, 0, 0, 0.0, 0.5, 0.5, 0.0, 0.0, 0, 1, 1, "已报送", "逾期")
    assert rows[4] == ("牵头单位", FIN, 3, 1, 1, 0, 1, 0, 0.3333, 0.3333, 0.0, 0.3333, 0.0, 2, 1, 0, "已报送", "按时")


def test_stats_frame_columns_and_values() -> None:
    frame = _report().stats_frame()
    assert list(frame.columns) == ["类别", "名称", "任务数", "已完成", "序时推进", "滞后", "未启动", "未报送", "已完成占比",
                                   "序时推进占比", "滞后占比", "未启动占比", "未报送占比", "绿灯", "黄灯", "红灯", "报送情况", "是否按时"]
    assert list(frame["名称"]) == ["合计", ECON, BUILD, "（无标题）", FIN, DEV, HOUSING, CITY]
    assert list(frame["任务数"]) == [6, 3, 2, 1, 3, 2, 2, 1]
    assert list(frame["未报送占比"]) == [0.1667, 0.0, 0.5, 0.0, 0.0, 0.0, 1.0, 0.0]


# --- status_rows / status_frame -----------------------------------------------------------------

def test_status_rows_without_history() -> None:
    rows = {r[0]: r for r in S.status_rows(_report())}
    assert list(rows) == ["T001", "T002", "T003", "T004", "T005", "T006"]
    assert rows["T001"][:11] == ("T001", "1", ECON, "重点任务1", FIN, "", "50.0%", "", "已完成", "绿", "报“已完成”")
    assert rows["T001"][11:] == ("", "", "", "")
    two = rows["T002"]
    assert two[4] == "区财政局、区发改委" and two[7] == "【区财政局】序时推进\n【区发改委】滞后" and two[8:10] == ("滞后", "黄")
    assert rows["T003"][5] == "2024年6月底前" and rows["T003"][9] == "红"
    assert rows["T004"][7:10] == ("", "未报送", "未报送")  # no light: the 亮灯 column says 未报送
    assert rows["T005"][7] == "【区住建局】未报送\n【区财政局】未启动" and rows["T005"][8:10] == ("未启动", "黄")
    assert rows["T006"][2] == "" and rows["T006"][6] == "50.0%"


def test_status_rows_of_two_leads_with_the_same_status_print_it_once() -> None:
    report = _report(entries=(_answer("T002", FIN, "序时推进"), _answer("T002", DEV, "序时推进")))
    row = S.status_rows(report)[1]
    assert row[7:10] == ("序时推进", "序时推进", "绿")


def test_status_rows_without_a_period_have_no_expected_share() -> None:
    report = _report(period="")
    assert [r[6] for r in S.status_rows(report)] == [""] * 6


def test_status_rows_with_the_previous_period() -> None:
    """上期状态 / 上期亮灯 / 变化 / 标记 from an earlier report: T002 fell from 序时推进 (黄) to 滞后, 黄 twice → 红."""
    past = PastPeriod(period="2024Q1", file="2024年第一季度汇总表.xlsx", tasks={
        "T001": PastTask(progress="正在推进。", status="序时推进", light="绿"),
        "T002": PastTask(progress="正在推进。", status="序时推进", light="黄"),
    })
    report = gt.merge(BD, Returns(entries=ANSWERS, files=FILES, period="2024Q2", due=DUE), previous=History((past,)))
    rows = {r[0]: r for r in S.status_rows(report)}
    assert rows["T001"][11:] == ("序时推进", "绿", "好转（序时推进→已完成）", "")
    assert rows["T002"][9] == "红"
    assert rows["T002"][11:] == ("序时推进", "黄", "倒退（序时推进→滞后）；黄灯→红灯", "状态倒退、连续黄灯")
    assert rows["T006"][11:] == ("", "", "上期无此任务", "")
    frame = report.status_frame()
    assert list(frame.columns) == ["任务编号", "序号", "一级标题", "目标与任务", "牵头单位", "完成时限", "序时进度", "各牵头单位状态",
                                   "综合状态", "亮灯", "亮灯原因", "上期状态", "上期亮灯", "变化", "标记"]
    assert frame.loc[1, "标记"] == "状态倒退、连续黄灯" and frame.loc[3, "亮灯"] == "未报送"


# --- properties ---------------------------------------------------------------------------------

WORDS = st.sampled_from(["已完成", "序时推进", "滞后", "未启动", ""])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([(FIN,), (DEV,), (FIN, DEV)]), st.sampled_from([ECON, BUILD]), WORDS, WORDS),
                min_size=1, max_size=8))
def test_counts_add_up(cases: list[tuple[tuple[str, ...], str, str, str]]) -> None:
    """Statuses sum to the tasks (total and sections); lights to the tasks that reported; units to the
    tasks they lead; shares of the five statuses to 1."""
    tasks = tuple(Task(id=f"T{i:03d}", number=str(i), path=(sec,), text=f"任务{i}", lead=lead)
                  for i, (lead, sec, _, _) in enumerate(cases, 1))
    entries = tuple(_answer(t.id, u, w, "推进中。" if w else "") for t, (lead, _, a, b) in zip(tasks, cases)
                    for u, w in zip(lead, (a, b)) if w)
    report = gt.merge(Breakdown(title="某区2024年重点工作", year=2024, tasks=tasks), Returns(entries=entries, period="2024Q2"))
    stats = S.compute_stats(report)
    assert stats.total.tasks == len(tasks) == sum(c.tasks for c in stats.sections)
    assert sum(stats.total.lights) == len(tasks) - stats.total.count("未报送")
    assert sum(c.tasks for c in stats.units) == sum(len(t.lead) for t in tasks)
    assert sum(stats.total.share(s) for s in S.COUNTED) == pytest.approx(1.0)
    led = {u: sum(u in t.lead for t in tasks) for u in (FIN, DEV)}
    assert {c.name: c.tasks for c in stats.units} == {u: n for u, n in led.items() if n}


# === merge.py ===================================================================================

from govtasks.report import merge as M  # noqa: E402
from govtasks.returns.model import OtherVersion  # noqa: E402

WATER, ROADS, GREENS = "区水利局", "区交通运输局", "区林业局"


def _cell(unit: str, row: int, column: str = "I") -> CellRef:
    return CellRef(file=f"{unit}.xlsx", sheet="进展情况表", row=row, column=column)


def _say(tid: str, unit: str, progress: str = "", *, row: int = 5, role: str = "牵头", **kw: object) -> Progress:
    return Progress(task_id=tid, unit=unit, role=role, progress=progress, source=_cell(unit, row), **kw)  # type: ignore[arg-type]


# --- merge(): what it passes on -----------------------------------------------------------------

def test_merge_uses_the_rules_given() -> None:
    """滞后亮灯 is 黄 by default; a rules mapping turns it 红."""
    rets = Returns(entries=(_answer("T002", FIN, "滞后"), _answer("T002", DEV, "滞后")), period="2024Q2")
    assert gt.merge(BD, rets).assessment.by_task()["T002"].light == "黄"
    assert gt.merge(BD, rets, rules={"滞后亮灯": "红"}).assessment.by_task()["T002"].light == "红"


def test_merge_compares_with_the_previous_period() -> None:
    past = PastPeriod(period="2024Q1", file="2024年第一季度汇总表.xlsx",
                      tasks={"T006": PastTask(progress="正在推进。", status="滞后", light="黄")})
    report = gt.merge(BD, Returns(entries=ANSWERS, period="2024Q2"), previous=History((past,)))
    changes = report.assessment.changes_by_task()
    assert changes["T006"].change == "好转（滞后→序时推进）；黄灯→绿灯" and changes["T001"].change == "上期无此任务"
    assert gt.merge(BD, Returns(entries=ANSWERS, period="2024Q2")).assessment.changes == ()


def test_merge_keeps_what_the_returns_carry() -> None:
    """Period, due date, files, other versions, the append_coop choice and the issues go into the report."""
    version = OtherVersion(unit=FIN, task_id="T001", label="进展情况", text="旧版本的进展。", source=_cell(FIN, 5))
    rets = Returns(entries=ANSWERS, files=FILES, period="2024Q2", due=DUE, versions=(version,))
    report = gt.merge(BD, rets, append_coop=True)
    assert (report.period, report.due, report.files, report.versions, report.append_coop) == (
        "2024Q2", DUE, FILES, (version,), True)
    assert gt.merge(BD, rets).append_coop is False
    assert [u.unit for u in report.units] == [FIN, TECH, DEV, HOUSING, CITY, BUREAU]


def test_unknown_tasks_are_unmatched_and_not_merged() -> None:
    """An answer for a task the breakdown does not have is kept aside; it does not feed any row."""
    rets = Returns(entries=(_say("T001", FIN, "已全部完成。"), _say("T099", FIN, "撤销的任务。"), _say("", FIN, "补充说明。")),
                   period="2024Q2")
    report = gt.merge(BD, rets)
    assert [p.task_id for p in report.unmatched] == ["T099", ""]
    assert [r.progress for r in report.tasks] == ["已全部完成。", "", "", "", "", ""]
    assert [p.task_id for p in report.lead] == ["T001"]


# --- default_title -------------------------------------------------------------------------------

@pytest.mark.parametrize("issuer, title, period, expected", [
    ("某区人民政府", "", "2024Q2", "某区2024年第二季度重点工作进展和完成情况"),
    ("芜湖市人民政府办公室", "", "2024H1", "芜湖市办公室2024年上半年重点工作进展和完成情况"),
    ("区政府督查室", "", "", "区政府督查室重点工作进展和完成情况"),
    ("", "繁昌县2023年重点工作任务", "2023Q4", "繁昌县2023年第四季度重点工作进展和完成情况"),
    ("", "安徽省2024年重点工作", "", "安徽省重点工作进展和完成情况"),
    ("", "孙村镇2024年重点工作", "", "孙村镇重点工作进展和完成情况"),
    ("", "峨桥乡2024年重点工作", "", "峨桥乡重点工作进展和完成情况"),
    ("", "黔东南州2024年重点工作", "", "黔东南州重点工作进展和完成情况"),
    ("", "锡林郭勒盟2024年重点工作", "", "锡林郭勒盟重点工作进展和完成情况"),
    ("", "额济纳旗2024年重点工作", "", "额济纳旗重点工作进展和完成情况"),
    ("", "芜湖市2024年度市政府重点工作任务分解", "", "芜湖市重点工作进展和完成情况"),
    ("", " 弋江区 2023年重点工作", "", "弋江区重点工作进展和完成情况"),
    ("", "某区2024年重点工作（2024年修订）", "", "某区重点工作进展和完成情况"),
    ("", "区政府2024年重点工作", "", "重点工作进展和完成情况"),
    ("", "重点工作任务分解", "", "重点工作进展和完成情况"),
])
def test_default_title(issuer: str, title: str, period: str, expected: str) -> None:
    """发文机关 without 人民政府, else the place a title starts with (before the first “20”), then the period."""
    assert M.default_title(Breakdown(title=title, issuer=issuer), period) == expected


# --- section rows --------------------------------------------------------------------------------

def test_section_rows_open_at_each_change_of_heading_at_any_level() -> None:
    """A heading row wherever a task's path differs from the previous one at that level or above;
    a task with a shorter path under the same headings opens none."""
    paths = [("一、", "（一）"), ("一、", "（一）"), ("一、",), ("一、", "（二）"), ("二、", "（一）", "1."), ("二、", "（二）", "1."), ()]
    tasks = tuple(Task(id=f"T{i}", number=str(i), path=p, text=f"任务{i}", lead=(FIN,)) for i, p in enumerate(paths, 1))
    rows = gt.merge(Breakdown(title="某区重点工作", tasks=tasks), Returns()).rows
    assert [(r.kind, r.level, r.text if r.kind == "section" else r.task_id) for r in rows] == [
        ("section", 1, "一、"), ("section", 2, "（一）"), ("task", 0, "T1"), ("task", 0, "T2"), ("task", 0, "T3"),
        ("section", 2, "（二）"), ("task", 0, "T4"),
        ("section", 1, "二、"), ("section", 2, "（一）"), ("section", 3, "1."), ("task", 0, "T5"),
        ("section", 2, "（二）"), ("section", 3, "1."), ("task", 0, "T6"), ("task", 0, "T7")]
    assert [r.path for r in rows if r.kind == "task"] == paths


# --- one task's row: _task_row, _combine, _joined ------------------------------------------------

T_JOINT = Task(id="T101", number="101", path=("三、生态环境",), text="推进河湖长制", lead=(WATER, ROADS, GREENS), coop=(FIN, DEV))
T_ONE = Task(id="T102", number="102", path=("三、生态环境",), text="实施国土绿化", lead=(GREENS,), coop=(WATER,))
BD_ENV = Breakdown(title="某区2024年重点工作", issuer="某区人民政府", year=2024, tasks=(T_JOINT, T_ONE))


def _row(*entries: Progress, append_coop: bool = False, tid: str = "T101") -> gt.ReportRow:
    report = gt.merge(BD_ENV, Returns(entries=entries, period="2024Q2"), append_coop=append_coop)
    return next(r for r in report.tasks if r.task_id == tid)


def test_a_joint_text_of_every_lead_unit_appears_once() -> None:
    row = _row(_say("T101", GREENS, "联合巡河。", row=7), _say("T101", WATER, "联合巡河。"), _say("T101", ROADS, "联合巡河。", row=6))
    assert row.progress == "联合巡河。" and row.missing == ()
    assert [str(s) for s in row.sources] == ["区水利局.xlsx!进展情况表!I5", "区交通运输局.xlsx!进展情况表!I6",
                                             "区林业局.xlsx!进展情况表!I7"]  # in the breakdown's lead order


def test_the_same_text_from_some_lead_units_only_is_prefixed() -> None:
    """Two of three leads wrote the same, the third nothing: not a joint answer of all."""
    row = _row(_say("T101", WATER, "联合巡河。"), _say("T101", ROADS, "联合巡河。"))
    assert row.progress == "【区水利局】联合巡河。\n【区交通运输局】联合巡河。" and row.missing == (GREENS,)
    two_same = _row(_say("T101", WATER, "联合巡河。"), _say("T101", ROADS, "联合巡河。"), _say("T101", GREENS, "植树造林。"))
    assert two_same.progress == "【区水利局】联合巡河。\n【区交通运输局】联合巡河。\n【区林业局】植树造林。"


def test_a_sole_lead_text_is_plain_and_status_is_combined_alike() -> None:
    row = _row(_say("T102", GREENS, "完成造林1200亩。", status="序时推进"), tid="T102")
    assert (row.progress, row.status, row.missing) == ("完成造林1200亩。", "序时推进", ())
    several = _row(_say("T101", WATER, "甲", status="序时推进"), _say("T101", ROADS, "乙", status="序时推进"),
                   _say("T101", GREENS, "丙", status="滞后"))
    assert several.status == "【区水利局】序时推进\n【区交通运输局】序时推进\n【区林业局】滞后"
    joint = _row(_say("T101", WATER, "甲", status="序时推进"), _say("T101", ROADS, "乙", status="序时推进"),
                 _say("T101", GREENS, "丙", status="序时推进"))
    assert joint.status == "序时推进"


def test_no_lead_text_gives_empty_progress_and_every_lead_missing() -> None:
    row = _row(_say("T101", FIN, "配合资金保障。", role="配合"))
    assert (row.progress, row.status, row.sources, row.missing) == ("", "", (), (WATER, ROADS, GREENS))
    assert [str(s) for s in row.coop_sources] == ["区财政局.xlsx!进展情况表!I5"]


def test_rows_of_one_unit_are_joined_once_each_and_empty_ones_dropped() -> None:
    """Two rows of one unit join with a newline; a repeated text appears once; an empty row adds nothing."""
    row = _row(_say("T102", GREENS, "第一段。", status="序时推进"), _say("T102", GREENS, "", row=6),
               _say("T102", GREENS, "第二段。", row=7, status="序时推进"), _say("T102", GREENS, "第一段。", row=8), tid="T102")
    assert (row.progress, row.status) == ("第一段。\n第二段。", "序时推进")
    assert [s.row for s in row.sources] == [5, 7, 8]  # the empty row 6 gave nothing


def test_a_lead_with_a_status_but_no_text_is_a_source_yet_missing() -> None:
    """完成状态 alone is used (its cell is a source) but the unit gave no 进展情况: it is listed missing."""
    row = _row(_say("T102", GREENS, "", status="已完成"), tid="T102")
    assert (row.progress, row.status, row.missing, [s.row for s in row.sources]) == ("", "已完成", (GREENS,), [5])


def test_sources_are_listed_once_and_answers_without_a_cell_add_none() -> None:
    same_cell = _say("T101", WATER, "巡河。")
    no_cell = Progress(task_id="T101", unit=ROADS, role="牵头", progress="修路。")
    row = _row(same_cell, _say("T101", WATER, "清淤。"), no_cell)
    assert [str(s) for s in row.sources] == ["区水利局.xlsx!进展情况表!I5"]
    assert row.progress == "【区水利局】巡河。\n清淤。\n【区交通运输局】修路。"


def test_cooperating_text_appended_after_the_leads_in_answer_order() -> None:
    entries = (_say("T101", WATER, "牵头巡河。"), _say("T101", DEV, "配合立项。", role="配合", row=9),
               _say("T101", FIN, "", role="配合", row=8, problems="资金紧张"), _say("T101", FIN, "配合拨款。", role="配合", row=10))
    row = _row(*entries, append_coop=True)
    assert row.progress == "【区水利局】牵头巡河。\n【区发改委（配合）】配合立项。\n【区财政局（配合）】配合拨款。"
    assert [str(s) for s in row.sources] == ["区水利局.xlsx!进展情况表!I5", "区发改委.xlsx!进展情况表!I9",
                                             "区财政局.xlsx!进展情况表!I10"]  # the 存在问题-only row is no source of 进展情况
    assert [s.row for s in row.coop_sources] == [9, 8, 10]  # every non-empty cooperating answer
    plain = _row(*entries)
    assert plain.progress == "【区水利局】牵头巡河。" and [s.row for s in plain.sources] == [5]
    assert [s.row for s in plain.coop_sources] == [9, 8, 10]


def test_cooperating_text_alone_is_the_progress_when_appended() -> None:
    row = _row(_say("T102", WATER, "配合水源保障。", role="配合"), append_coop=True, tid="T102")
    assert (row.progress, row.missing) == ("【区水利局（配合）】配合水源保障。", (GREENS,))
    two = _row(_say("T101", FIN, "拨付资金。", role="配合"), _say("T101", DEV, "立项批复。", role="配合"), append_coop=True)
    assert two.progress == "【区财政局（配合）】拨付资金。\n【区发改委（配合）】立项批复。"  # one line each, no lead text before


def test_coop_sources_skip_empty_answers_those_without_a_cell_and_repeats() -> None:
    entries = (_say("T102", WATER, "", role="配合"), Progress(task_id="T102", unit=FIN, role="配合", progress="拨付资金。"),
               _say("T102", DEV, "立项批复。", role="配合", row=6), _say("T102", DEV, "用地保障。", role="配合", row=6),
               _say("T102", GREENS, "牵头造林。", row=4))
    row = _row(*entries, tid="T102")
    assert [str(s) for s in row.coop_sources] == ["区发改委.xlsx!进展情况表!I6"]
    assert (row.lead, row.coop, row.text, row.number, row.path) == ((GREENS,), (WATER,), "实施国土绿化", "102", ("三、生态环境",))


@pytest.mark.parametrize("texts, units, expected", [
    ([], 1, ""), ([("区水利局", "")], 1, ""), ([("区水利局", "巡河。")], 1, "巡河。"),
    ([("区水利局", ""), ("区林业局", "造林。")], 2, "【区林业局】造林。"),
    ([("区水利局", "同。"), ("区林业局", "同。")], 2, "同。"),
    ([("区水利局", "同。"), ("区林业局", "异。")], 2, "【区水利局】同。\n【区林业局】异。"),
    ([("区水利局", "同。"), ("区林业局", "同。")], 3, "【区水利局】同。\n【区林业局】同。"),
])
def test_combine(texts: list[tuple[str, str]], units: int, expected: str) -> None:
    assert M._combine(texts, units) == expected


# --- lead and cooperating answers (sheets 牵头单位反馈 / 配合单位反馈) ---------------------------------

def test_answers_split_by_role_in_task_order_without_empty_ones() -> None:
    """Breakdown role first (a 配合 unit stays 配合 even when its form says 牵头); a unit outside the task
    goes by its form's role; empty answers are in neither list."""
    entries = (_say("T102", GREENS, "造林。"), _say("T101", WATER, "巡河。"), _say("T101", FIN, "拨款。", role="牵头"),
               _say("T101", ROADS, ""), _say("T101", "区城管局", "保洁。", role="牵头"), _say("T101", HOUSING, "配合。", role="配合"),
               _say("T102", WATER, "供水。", role=""))
    report = gt.merge(BD_ENV, Returns(entries=entries, period="2024Q2"))
    assert [(p.task_id, p.unit) for p in report.lead] == [("T101", WATER), ("T101", "区城管局"), ("T102", GREENS)]
    assert [(p.task_id, p.unit) for p in report.coop] == [("T101", FIN), ("T101", HOUSING), ("T102", WATER)]
