"""merge() on plain objects: no workbook involved."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import govtasks as gt
from govtasks import Breakdown, CellRef, Progress, ReturnFile, Returns, Task
from govtasks.issues import Issue, IssueList, Severity

T1 = Task(id="T001", number="1", path=("一、经济", "（一）工业"), text="任务一", lead=("甲局",), coop=("丙局",))
T2 = Task(id="T002", number="2", path=("一、经济", "（一）工业"), text="任务二", lead=("甲局", "乙局"))
T3 = Task(id="T003", number="3", path=("一、经济", "（二）农业"), text="任务三", lead=("乙局",), coop=("甲局", "丙局"))
T4 = Task(id="T004", number="4", path=("二、民生",), text="任务四", lead=("丁局",))
BD = Breakdown(title="某区2024年重点工作任务分解", issuer="某区人民政府", tasks=(T1, T2, T3, T4))


def ref(unit: str, row: int) -> CellRef:
    return CellRef(file=f"{unit}.xlsx", sheet="进展情况表", row=row, column="I")


def answer(task: str, unit: str, text: str, row: int = 5, **kw: str) -> Progress:
    role = BD.task(task).role_of(unit) or "" if task in {t.id for t in BD.tasks} else ""
    return Progress(task_id=task, unit=unit, role=role, progress=text, source=ref(unit, row), **kw)


def returns(*entries: Progress, files: tuple[ReturnFile, ...] = ()) -> Returns:
    return Returns(entries=entries, files=files, period="2024Q2")


def test_single_lead_text_is_the_progress_with_its_source() -> None:
    report = gt.merge(BD, returns(answer("T001", "甲局", "甲的进展", row=6, status="序时推进")))
    row = report.tasks[0]
    assert (row.task_id, row.progress, row.status, row.missing) == ("T001", "甲的进展", "序时推进", ())
    assert [str(s) for s in row.sources] == ["甲局.xlsx!进展情况表!I6"]


def test_several_leads_are_prefixed_unless_they_wrote_the_same() -> None:
    different = gt.merge(BD, returns(answer("T002", "乙局", "乙说"), answer("T002", "甲局", "甲说")))
    assert different.tasks[1].progress == "【甲局】甲说\n【乙局】乙说"  # in the breakdown's lead order
    same = gt.merge(BD, returns(answer("T002", "甲局", "共同"), answer("T002", "乙局", "共同")))
    assert same.tasks[1].progress == "共同" and len(same.tasks[1].sources) == 2


def test_a_lead_without_text_is_listed_missing() -> None:
    row = gt.merge(BD, returns(answer("T002", "甲局", "甲说"))).tasks[1]
    assert row.progress == "【甲局】甲说" and row.missing == ("乙局",)
    assert gt.merge(BD, returns()).tasks[0].missing == ("甲局",)


def test_cooperating_text_goes_to_coop_and_optionally_into_progress() -> None:
    rets = returns(answer("T003", "乙局", "乙牵头"), answer("T003", "丙局", "丙配合"), answer("T003", "甲局", ""))
    report = gt.merge(BD, rets)
    assert report.tasks[2].progress == "乙牵头"
    assert [(p.unit, p.progress) for p in report.coop] == [("丙局", "丙配合")]  # empty answers are not listed
    assert [(p.unit, p.progress) for p in report.lead] == [("乙局", "乙牵头")]
    appended = gt.merge(BD, rets, append_coop=True).tasks[2]
    assert appended.progress == "乙牵头\n【丙局（配合）】丙配合"
    assert [s.file for s in appended.sources] == ["乙局.xlsx", "丙局.xlsx"]


def test_section_rows_follow_the_paths() -> None:
    rows = gt.merge(BD, returns()).rows
    assert [(r.kind, r.level, r.text if r.kind == "section" else r.task_id) for r in rows] == [
        ("section", 1, "一、经济"), ("section", 2, "（一）工业"), ("task", 0, "T001"), ("task", 0, "T002"),
        ("section", 2, "（二）农业"), ("task", 0, "T003"), ("section", 1, "二、民生"), ("task", 0, "T004")]


def test_two_rows_of_one_unit_for_one_task_are_joined() -> None:
    row = gt.merge(BD, returns(answer("T004", "丁局", "第一段"), answer("T004", "丁局", "第二段", row=9))).tasks[3]
    assert row.progress == "第一段\n第二段"


def test_unmatched_and_unknown_tasks_are_kept() -> None:
    rets = returns(answer("", "甲局", "说明行", task_text="补充说明"), answer("T999", "甲局", "旧任务"))
    report = gt.merge(BD, rets)
    assert [p.progress for p in report.unmatched] == ["说明行", "旧任务"]
    assert all(not r.progress for r in report.tasks)


def test_return_status_per_unit() -> None:
    when = dt.datetime(2024, 6, 20, 9)
    files = (ReturnFile(file="甲局.xlsx", unit="甲局", mtime=when), ReturnFile(file="甲局旧.xlsx", unit="甲局", state="superseded"),
             ReturnFile(file="戊局.xlsx", unit="戊局"))
    rets = returns(answer("T001", "甲局", "a"), answer("T002", "甲局", "b"), answer("T003", "甲局", ""), files=files)
    units = {u.unit: u for u in gt.merge(BD, rets).units}
    assert list(units) == ["甲局", "丙局", "乙局", "丁局", "戊局"]  # breakdown order, then others that returned
    a = units["甲局"]
    assert (a.returned, a.file, a.time, a.lead_tasks, a.coop_tasks, a.answered, a.total, a.other_files) == (
        True, "甲局.xlsx", when, 2, 1, 2, 3, ("甲局旧.xlsx",))
    assert not units["乙局"].returned and units["戊局"].total == 0
    assert gt.merge(BD, rets).missing_units == ("丙局", "乙局", "丁局")


def test_title_default_and_override() -> None:
    assert gt.merge(BD, returns()).title == "某区2024年第二季度重点工作进展和完成情况"
    assert gt.merge(BD, returns(), title="自定义").title == "自定义"
    no_issuer = BD.replace(issuer="", title="芜湖市2024年度市政府重点工作任务分解")
    assert gt.merge(no_issuer, returns()).title == "芜湖市2024年第二季度重点工作进展和完成情况"
    assert gt.merge(BD.replace(issuer=""), Returns()).title == "某区重点工作进展和完成情况"
    assert gt.merge(BD.replace(issuer="", title="任务分解"), Returns()).title == "重点工作进展和完成情况"


def test_issues_pass_through_and_frames() -> None:
    issue = Issue(code="missing-return", severity=Severity.ERROR, message="乙局未报送", unit="乙局")
    rets = Returns(entries=(answer("T001", "甲局", "=SUM(A1)"),), issues=IssueList([issue]), period="2024Q2")
    report = gt.merge(BD, rets)
    assert report.issues.codes() == ["missing-return"]
    frame = report.to_frame()
    assert list(frame.columns[:6]) == ["任务编号", "序号", "一级标题", "二级标题", "目标与任务", "牵头责任单位"]
    assert frame.loc[0, "进展情况"] == "=SUM(A1)" and frame.loc[0, "来源"] == "甲局.xlsx!进展情况表!I5"
    assert len(frame) == 4
    assert rets.to_frame().loc[0, "来源"] == "甲局.xlsx!进展情况表!I5"
    units = report.units_frame()
    assert list(units["是否报送"]) == ["未报送"] * 4
    pd.testing.assert_frame_equal(report.issues.to_frame(), rets.issues.to_frame())


def test_progress_texts_and_emptiness() -> None:
    p = Progress(task_id="T001", unit="甲局", status="滞后", problems="缺资金", extra=(("第M列", "另写"),))
    assert p.texts() == [("完成状态", "滞后"), ("存在问题", "缺资金"), ("第M列", "另写")]
    assert not p.is_empty and Progress(task_id="T001", unit="甲局").is_empty


@pytest.mark.parametrize("statuses, expected", [(("已完成", "已完成"), "已完成"), (("已完成", "滞后"), "【甲局】已完成\n【乙局】滞后")])
def test_status_of_several_leads(statuses: tuple[str, str], expected: str) -> None:
    rets = returns(answer("T002", "甲局", "x", status=statuses[0]), answer("T002", "乙局", "y", status=statuses[1]))
    assert gt.merge(BD, rets).tasks[1].status == expected


def test_unit_tasks_is_kept_for_the_last_breakdown_only() -> None:
    import dataclasses

    from govtasks.model import unit_tasks

    first = unit_tasks(BD)
    assert unit_tasks(BD) is first and first == unit_tasks(dataclasses.replace(BD))
    other = dataclasses.replace(BD, tasks=BD.tasks[:1])
    assert unit_tasks(other) != first
    assert unit_tasks(BD) is not first and unit_tasks(BD) == first


def test_entries_split_by_the_breakdown_role_else_their_own() -> None:
    from govtasks.report.merge import _split_roles

    task = Task(id="T9", number="9", path=("一、",), text="任务", lead=("甲局",), coop=("乙局",))
    bd = Breakdown(title="t", tasks=(task,))
    cases = [(unit, role) for unit in ("甲局", "乙局", "丙局") for role in ("牵头", "配合", "")]
    entries = [Progress(task_id="T9", unit=u, role=r, progress=f"{u}{r}") for u, r in cases]
    lead, coop = _split_roles(bd, {"T9": entries})
    expected_lead = [e for e in entries if (task.role_of(e.unit) or e.role) == "牵头"]
    assert list(lead) == expected_lead and list(coop) == [e for e in entries if e not in expected_lead]
    assert {e.unit for e in lead} == {"甲局", "丙局"}
