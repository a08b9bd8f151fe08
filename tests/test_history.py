"""Two periods of the 芜湖 2024 example: the Q1 report read back as history for Q2, and Q3's forms.

Every unit returns a form (written in the contract's layout) for 2024Q1 and for 2024Q2; each
answer's text is its own and changes from one quarter to the next, except where a case says:

* T001 (市发改委): the Q2 text is the Q1 text — copied;
* T004 (市经信局): the Q2 text is the Q1 text plus “下步继续推进。” — nearly the same (93 %);
* T005 (市科技局): a new text in Q2 — not flagged;
* T006 (市商务局): 序时推进 in Q1, 滞后 in Q2 — backwards;
* T008 (市财政局): 滞后 in both quarters — 黄 twice, so 红;
* T017 (市发改委 and 市交通运输局, two lead units): each writes its own text.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import returns_helpers as rh
from conftest import EXAMPLE_001

import govtasks as gt

NEAR_Q1 = "市经信局一季度：T004已召开专题会议研究部署，完成年度目标任务的25%，组织企业申报省级专项资金。"


def text(unit: str, task: gt.Task, period: str) -> str:
    if period == "2024Q1":
        return f"{unit}一季度：{task.id}完成方案制定和前期调研，召开推进会议2次，明确责任分工。"
    return f"{unit}二季度：{task.id}项目已开工建设，累计完成投资3200万元，完成形象进度的一半。"


def answer(unit: str, task: gt.Task, period: str) -> dict[str, str]:
    progress = text(unit, task, period)
    status = "序时推进"
    if task.id == "T001" and unit == "市发改委" and period == "2024Q2":
        progress = text(unit, task, "2024Q1")
    if task.id == "T004" and unit == "市经信局":
        progress = NEAR_Q1 if period == "2024Q1" else NEAR_Q1 + "下步继续推进。"
    if task.id == "T006" and period == "2024Q2" or task.id == "T008":
        status = "滞后"
    return {"progress": progress, "status": status}


def returns(bd: gt.Breakdown, folder: Path, period: str) -> gt.Returns:
    folder.mkdir()
    for i, unit in enumerate(bd.units):
        answers = {t.id: answer(unit, t, period) for t in bd.for_unit(unit)}
        rh.contract_form(folder / f"{i:02d}.xlsx", bd, unit, period, answers=answers)
    return gt.read_returns(folder, bd, period=period)


@pytest.fixture(scope="module")
def wuhu(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("history")
    bd = gt.import_breakdown(EXAMPLE_001)
    q1 = gt.write_report(gt.merge(bd, returns(bd, tmp / "q1", "2024Q1")), tmp / "2024Q1汇总表.xlsx")
    history = gt.read_history(tmp)  # a folder with the earlier report (and the returned forms, skipped)
    report = gt.merge(bd, returns(bd, tmp / "q2", "2024Q2"), previous=history)
    q2 = gt.write_report(report, tmp / "out" / "2024Q2汇总表.xlsx")
    return {"bd": bd, "q1": q1, "q2": q2, "history": history, "report": report, "tmp": tmp}


def changes(report: gt.Report) -> dict[str, object]:
    return report.assessment.changes_by_task()


def test_the_earlier_report_is_read_back_with_its_period(wuhu: dict) -> None:
    (q1,) = wuhu["history"].periods
    assert (q1.period, q1.file, len(q1.tasks)) == ("2024Q1", "2024Q1汇总表.xlsx", 220)
    t008 = q1.tasks["T008"]
    assert (t008.status, t008.light) == ("滞后", "黄")
    assert q1.answers[("市经信局", "T004")] == ("序时推进", NEAR_Q1)


def test_a_copied_text_is_flagged_and_a_changed_one_is_not(wuhu: dict) -> None:
    report = wuhu["report"]
    copied = report.issues.by_code("copied-text")
    assert sorted((i.unit, i.task_id) for i in copied) == [("市发改委", "T001"), ("市经信局", "T004")]
    messages = {i.task_id: i.message for i in copied}
    assert messages["T001"] == "市发改委第1项的进展情况与本单位上期（2024年第一季度）完全相同，疑似照抄上期；请核实并补报本期进展"
    assert "几乎相同（相似度93%）" in messages["T004"]
    found = changes(report)
    assert "疑似照抄上期" in found["T001"].flags and found["T001"].change == "持平（序时推进）；疑似照抄上期"
    assert found["T005"].flags == () and found["T005"].change == "持平（序时推进）"


def test_a_status_that_went_backwards_is_flagged(wuhu: dict) -> None:
    report = wuhu["report"]
    assert [i.task_id for i in report.issues.by_code("status-backwards")] == ["T006"]
    assert changes(report)["T006"].change == "倒退（序时推进→滞后）；绿灯→黄灯"
    assert "状态倒退" in changes(report)["T006"].flags


def test_yellow_twice_is_red(wuhu: dict) -> None:
    report = wuhu["report"]
    st = report.assessment.by_task()["T008"]
    assert (st.light, st.previous_light) == ("红", "黄")
    assert st.reason == "连续两期黄灯（上期亦为黄灯）；报“滞后”"
    assert [i.task_id for i in report.issues.by_code("yellow-twice")] == ["T008"]


def test_the_report_gains_previous_progress_change_and_the_history_sheet(wuhu: dict) -> None:
    wb = openpyxl.load_workbook(wuhu["q2"])
    ws = wb["重点工作进展情况"]
    header = [c.value for c in ws[3]]
    assert header[:7] == ["序号", "目标与任务", "牵头责任单位", "责任单位", "进展情况", "上期进展", "变化"]
    rows = {r[header.index("任务编号")]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[header.index("任务编号")]}
    bd = wuhu["bd"]
    assert rows["T005"][5] == text("市科技局", bd.task("T005"), "2024Q1")
    assert rows["T001"][6] == "持平（序时推进）；疑似照抄上期"
    history = wb["历次进展"]
    assert [c.value for c in history[3]][3:5] == ["2024年第一季度", "2024年第二季度（本期）"]
    t008 = next(r for r in history.iter_rows(min_row=4, values_only=True) if r[-1] == "T008")
    assert t008[3] == f"〔滞后·黄灯〕\n{text('市财政局', bd.task('T008'), '2024Q1')}"
    assert t008[4] == f"〔滞后·红灯〕\n{text('市财政局', bd.task('T008'), '2024Q2')}"


def test_previous_progress_in_the_q3_form_is_the_units_own_text(wuhu: dict, tmp_path: Path) -> None:
    bd = wuhu["bd"]
    task = bd.task("T017")
    assert task.lead == ("市发改委", "市交通运输局")
    forms = gt.write_forms(bd, tmp_path, period="2024Q3", units=list(task.lead), previous=wuhu["q2"])
    for unit, form in zip(task.lead, forms):
        ws, labels, header_row = rh.form_sheet(openpyxl.load_workbook(form))
        row = rh.task_rows(ws, labels, header_row)["T017"]
        assert ws.cell(row, labels["上期进展"]).value == text(unit, task, "2024Q2"), unit  # not 【…】 of both


def test_cli_merge_with_previous_reports_and_a_rules_workbook(wuhu: dict, tmp_path: Path, capsys) -> None:
    from helpers import write_xlsx

    from govtasks.cli import main

    std = gt.write_breakdown(wuhu["bd"], tmp_path / "std.xlsx")
    rules = write_xlsx(tmp_path / "规则.xlsx", {"亮灯规则": [["规则", "值"], ["连续黄灯转红", "否"]]})
    out = tmp_path / "r.xlsx"
    code = main(["merge", str(std), str(wuhu["tmp"] / "q2"), "--period", "2024Q2", "-o", str(out),
                 "--previous", str(wuhu["q1"]), "--rules", str(rules)])
    assert code == 0 and "已写入" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    assert "历次进展" in wb.sheetnames
    lights = {r[-1]: r for r in wb["亮灯情况"].iter_rows(min_row=4, values_only=True)}
    assert lights["T008"][7] == "黄" and lights["T008"][11] == "持平（滞后）"  # 黄 twice stays 黄 under these rules
    rules_used = {r[0]: r[1] for r in wb["亮灯规则"].iter_rows(min_row=4, values_only=True)}
    assert rules_used["连续黄灯转红"] == "否"

