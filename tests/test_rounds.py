"""Two rounds of collection, end to end, as 广丰 (seed 003) runs them.

The notice of seed 003: 责任单位 report to their 牵头单位 by 6月15日 (copying the office), and the
牵头单位 report to the office by 6月25日, "须综合责任单位情况". Its tasks used here, as the
document writes them:

* 1. 主办单位:区工信局; 协办单位:上饶高新区、各乡镇(街道)
* 2. 主办单位:上饶高新区; 协办单位:区工信局、商务局、科技局、各乡镇(街道)
* 6. 主办单位:上饶高新区; 协办单位:区科技局
* 7. 主办单位:区商务局; 协办单位:上饶高新区、区工信局、各乡镇(街道)
* 9. 主办单位:上饶高新区; 协办单位:区工信局、商务局、科技局

Round one: the cooperating units' forms are written, then filled with openpyxl as a clerk's
Excel saves them. Round two: the lead units' forms come out pre-filled with exactly those
texts; the leads answer; the office merges, with one round-one form sent straight to it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
import returns_helpers as rh
from conftest import DATA

import govtasks as gt
from govtasks.cli import main
from govtasks.report.write import COOP_SHEET, MAIN_SHEET, STATUS_SHEET

BREAKDOWN = DATA / "广丰区2021年区政府工作报告重点工作责任分工_标准.xlsx"
PERIOD = "2021H1"
HIGH_TECH, INDUSTRY, COMMERCE, SCIENCE = "上饶高新区", "区工信局", "区商务局", "区科技局"
UNITS = [HIGH_TECH, INDUSTRY, COMMERCE, SCIENCE]

ROUND_ONE = {  # unit → task → answers, as the cooperating units write them
    SCIENCE: {"T002": {"progress": "区科技局：新认定高新技术企业3家，电子信息企业研发中心2个。", "status": "序时推进"},
              "T006": {"progress": "区科技局：支持龙头企业申报省级研发平台1个。", "problems": "企业研发投入偏低。"}},
    COMMERCE: {"T002": {"progress": "区商务局：上半年引进电子信息企业4家。"}},
    INDUSTRY: {"T002": {"progress": "区工信局：协助新增电子信息规上企业5家。"},
               "T007": {"progress": "区工信局：配合引进投资超20亿元项目1个。"}},
    HIGH_TECH: {"T001": {"progress": "上饶高新区：电子信息产业链链长制已落实到企业。"}},
}
ROUND_TWO = {
    HIGH_TECH: {"T002": {"progress": "综合各配合单位情况：上半年新引进电子信息企业9家，新认定高新技术企业3家。",
                         "status": "序时推进"}},
    INDUSTRY: {"T001": {"progress": "链长制覆盖全部主导产业，上饶高新区已落实到企业。"}},
    COMMERCE: {"T007": {"progress": "上半年引进投资超20亿元项目1个。"}},
}
T002_FEEDBACK = ("【区工信局】区工信局：协助新增电子信息规上企业5家。\n"
                 "【区商务局】区商务局：上半年引进电子信息企业4家。\n"
                 "【区科技局】区科技局：新认定高新技术企业3家，电子信息企业研发中心2个。完成状态：序时推进")
T006_FEEDBACK = "【区科技局】区科技局：支持龙头企业申报省级研发平台1个。存在问题：企业研发投入偏低。"
ADDED = "上饶高新区补充：区科技局已同意追加研发经费。"


def _cells(path: Path, label: str) -> dict[str, object]:
    """任务编号 → the value of one column of a form (found by its header, as a clerk would)."""
    wb = openpyxl.load_workbook(path)
    ws, labels, header = rh.form_sheet(wb)
    return {tid: ws.cell(r, labels[label]).value for tid, r in rh.task_rows(ws, labels, header).items()}


def _row(path: Path, task_id: str) -> int:
    wb = openpyxl.load_workbook(path)
    ws, labels, header = rh.form_sheet(wb)
    return rh.task_rows(ws, labels, header)[task_id]


@pytest.fixture(scope="module")
def guangfeng(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("guangfeng")
    bd = gt.read_breakdown(BREAKDOWN)
    coop = {p.name.split("_")[0]: p for p in gt.write_forms(bd, tmp / "round1", period=PERIOD, units=UNITS,
                                                             round="coop", send_by="6月15日")}
    to_leads = tmp / "leads_received"
    to_leads.mkdir()
    for unit, answers in ROUND_ONE.items():
        rh.fill_form(coop[unit], answers, out=to_leads / coop[unit].name, modified=dt.datetime(2021, 6, 14, 10))
    round_one = gt.read_returns(to_leads, bd, period=PERIOD, round="coop")
    lead = gt.write_forms(bd, tmp / "round2", period=PERIOD, units=[HIGH_TECH, INDUSTRY, COMMERCE], round="lead",
                          feedback=round_one, send_by="6月25日", send_to="区政府督查室", coop_workbook=True)
    forms = {p.name.split("_")[0]: p for p in lead if p.stem.endswith("牵头任务进展情况表")}
    office = tmp / "office"
    office.mkdir()
    for unit, answers in ROUND_TWO.items():
        rh.fill_form(forms[unit], answers, out=office / forms[unit].name, modified=dt.datetime(2021, 6, 24, 16))
    rh.edit(office / forms[HIGH_TECH].name, lambda ws, labels, h: ws.cell(
        rh.task_rows(ws, labels, h)["T006"], labels["配合单位反馈"], f"{T006_FEEDBACK}\n{ADDED}"))
    shutil.copy(to_leads / coop[SCIENCE].name, office)  # 区科技局 sent its round-one form to the office as well
    returns = gt.read_returns(office, bd, period=PERIOD)
    report = gt.merge(bd, returns)
    path = gt.write_report(report, tmp / "汇总表.xlsx")
    return {"bd": bd, "coop": coop, "received": to_leads, "round_one": round_one, "lead": lead, "forms": forms,
            "returns": returns, "report": report, "wb": openpyxl.load_workbook(path)}


def test_the_breakdown_has_the_documents_units() -> None:
    bd = gt.read_breakdown(BREAKDOWN)
    assert (bd.task("T001").lead, bd.task("T001").coop) == ((INDUSTRY,), (HIGH_TECH, "各乡镇（街道）"))
    assert (bd.task("T002").lead, bd.task("T002").coop) == ((HIGH_TECH,), (INDUSTRY, COMMERCE, SCIENCE, "各乡镇（街道）"))
    assert (bd.task("T006").lead, bd.task("T006").coop) == ((HIGH_TECH,), (SCIENCE,))
    assert (bd.task("T007").lead, bd.task("T007").coop) == ((COMMERCE,), (HIGH_TECH, INDUSTRY, "各乡镇（街道）"))
    assert (bd.task("T009").lead, bd.task("T009").coop) == ((HIGH_TECH,), (INDUSTRY, COMMERCE, SCIENCE))


def test_round_one_forms_list_the_cooperating_tasks_and_say_where_and_when(guangfeng: dict) -> None:
    science = guangfeng["coop"][SCIENCE]
    assert science.name == "区科技局_2021年上半年_配合任务进展情况表.xlsx"
    assert set(_cells(science, "进展情况")) == {"T002", "T006", "T009"}  # only the tasks it cooperates on
    assert set(_cells(science, "本单位职责").values()) == {"配合"}
    meta = rh.form_meta(science)
    assert (meta["轮次"], meta["报送对象"], meta["报送时限"], meta["期间"]) == ("配合单位报牵头单位", "上饶高新区", "6月15日", "2021H1")
    ws = openpyxl.load_workbook(science)["进展情况表"]
    assert ws["B1"].value == "区科技局2021年上半年重点工作进展情况表（配合单位报牵头单位）"
    assert ws["B2"].value.startswith("本表为第一轮（配合单位报牵头单位）：请于6月15日前将本表报送各任务的牵头单位（上饶高新区），")
    industry = rh.form_meta(guangfeng["coop"][INDUSTRY])
    assert set(industry["报送对象"].split("、")) >= {HIGH_TECH, COMMERCE}


def test_lead_forms_come_out_prefilled_with_exactly_those_texts(guangfeng: dict) -> None:
    forms = guangfeng["forms"]
    high_tech = _cells(forms[HIGH_TECH], "配合单位反馈")
    assert high_tech["T002"] == T002_FEEDBACK
    assert high_tech["T006"] == T006_FEEDBACK
    assert high_tech["T009"] is None  # nobody answered it
    assert _cells(forms[INDUSTRY], "配合单位反馈")["T001"] == "【上饶高新区】上饶高新区：电子信息产业链链长制已落实到企业。"
    assert _cells(forms[COMMERCE], "配合单位反馈")["T007"] == "【区工信局】区工信局：配合引进投资超20亿元项目1个。"
    assert "T002" not in _cells(forms[COMMERCE], "进展情况")  # a lead form lists only the tasks the unit leads
    assert set(_cells(forms[COMMERCE], "本单位职责").values()) == {"牵头"}
    meta = rh.form_meta(forms[HIGH_TECH])
    assert (meta["轮次"], meta["报送对象"], meta["报送时限"]) == ("牵头单位综合报送", "区政府督查室", "6月25日")


def test_lead_forms_and_workbooks_name_each_answers_cell(guangfeng: dict) -> None:
    received = guangfeng["received"]
    science = received / "区科技局_2021年上半年_配合任务进展情况表.xlsx"
    expected = ("T002", SCIENCE, "序时推进", "区科技局：新认定高新技术企业3家，电子信息企业研发中心2个。",
                f"区科技局_2021年上半年_配合任务进展情况表.xlsx!进展情况表!I{_row(science, 'T002')}")
    form = openpyxl.load_workbook(guangfeng["forms"][HIGH_TECH])
    book = openpyxl.load_workbook(next(p for p in guangfeng["lead"] if p.name == "上饶高新区_2021年上半年_配合单位反馈汇总.xlsx"))
    for ws in (form["配合单位反馈"], book["配合单位反馈"]):
        rows = [r for r in ws.iter_rows(min_row=4, values_only=True)]
        assert (rows[2][0], rows[2][3], rows[2][4], rows[2][5], rows[2][9]) == expected
        assert (rows[3][3], rows[3][9]) == ("各乡镇（街道）", "未收到该单位的反馈")
        assert ws.protection.sheet


def test_the_office_merges_the_lead_answers_and_sees_what_fed_them(guangfeng: dict) -> None:
    rets, report, wb = guangfeng["returns"], guangfeng["report"], guangfeng["wb"]
    assert rets.round == "lead"
    main_rows = {r[5]: r for r in wb[MAIN_SHEET].iter_rows(min_row=4, values_only=True) if r[5]}
    assert main_rows["T002"][4] == "综合各配合单位情况：上半年新引进电子信息企业9家，新认定高新技术企业3家。"
    assert main_rows["T001"][4] == "链长制覆盖全部主导产业，上饶高新区已落实到企业。"
    assert main_rows["T007"][4] == "上半年引进投资超20亿元项目1个。"
    received = guangfeng["received"]
    fed = next(r for r in report.tasks if r.task_id == "T002").coop_sources
    assert [str(s) for s in fed] == [
        f"区工信局_2021年上半年_配合任务进展情况表.xlsx!进展情况表!I{_row(received / '区工信局_2021年上半年_配合任务进展情况表.xlsx', 'T002')}",
        f"区商务局_2021年上半年_配合任务进展情况表.xlsx!进展情况表!I{_row(received / '区商务局_2021年上半年_配合任务进展情况表.xlsx', 'T002')}",
        f"区科技局_2021年上半年_配合任务进展情况表.xlsx!进展情况表!I{_row(received / '区科技局_2021年上半年_配合任务进展情况表.xlsx', 'T002')}",
    ]
    coop = [r for r in wb[COOP_SHEET].iter_rows(min_row=4, values_only=True) if r[1] == "T002"]
    relayed = [r for r in coop if "转报" in r[10]]
    assert [(r[3], r[5]) for r in relayed] == [
        (INDUSTRY, "区工信局：协助新增电子信息规上企业5家。"), (COMMERCE, "区商务局：上半年引进电子信息企业4家。"),
        (SCIENCE, "区科技局：新认定高新技术企业3家，电子信息企业研发中心2个。")]
    assert "（经 上饶高新区_2021年上半年_牵头任务进展情况表.xlsx!配合单位反馈!F" in relayed[0][10]
    assert all(p.unit in ROUND_ONE for p in report.coop)


def test_a_leads_edit_of_the_feedback_column_is_kept(guangfeng: dict) -> None:
    rets = guangfeng["returns"]
    (issue,) = [i for i in rets.issues.by_code("misplaced-text") if i.unit == HIGH_TECH]
    assert issue.task_id == "T006" and f"增加了“{ADDED}”" in issue.message
    entry = next(p for p in rets.for_unit(HIGH_TECH) if p.task_id == "T006")
    assert entry.extra == (("配合单位反馈", f"{T006_FEEDBACK}\n{ADDED}"),)


def test_a_round_one_form_sent_to_the_office_is_recognised(guangfeng: dict) -> None:
    rets, wb = guangfeng["returns"], guangfeng["wb"]
    name = "区科技局_2021年上半年_配合任务进展情况表.xlsx"
    (issue,) = rets.issues.by_code("coop-round-return")
    assert (issue.where.file, issue.unit, issue.severity.value) == (name, SCIENCE, "info")
    assert "报送牵头单位（上饶高新区）" in issue.message
    direct = [p for p in rets.entries if p.unit == SCIENCE and p.via is None and not p.is_empty]
    assert {(p.task_id, p.progress) for p in direct} == {
        ("T002", "区科技局：新认定高新技术企业3家，电子信息企业研发中心2个。"), ("T006", "区科技局：支持龙头企业申报省级研发平台1个。")}
    assert all(p.role == "配合" for p in direct)
    status = {r[1]: r for r in wb[STATUS_SHEET].iter_rows(min_row=4, values_only=True) if r[4] in ("已报送", "未报送")}
    assert status[SCIENCE][4] == "未报送" and status[SCIENCE][10] == f"第一轮报表（已作为配合单位反馈汇总）：{name}"
    missing = {i.unit for i in rets.issues.by_code("missing-return")}
    assert SCIENCE in missing  # it leads two tasks and sent no lead form
    assert "区行政服务中心" not in missing and "各乡镇（街道）" not in missing  # only cooperating: not expected in round two
    assert (status[HIGH_TECH][2], status[HIGH_TECH][3], status[HIGH_TECH][8], status[HIGH_TECH][9]) == (9, 0, 2, 9)  # T002; T006's edit


def test_round_one_collection_expects_only_the_cooperating_tasks(guangfeng: dict) -> None:
    rets = guangfeng["round_one"]
    assert rets.round == "coop"
    science = next(f for f in rets.files if f.unit == SCIENCE)
    assert (science.round, science.answered, science.total) == ("coop", 2, 3)
    assert {i.task_id for i in rets.issues.by_code("empty-answer") if i.unit == SCIENCE} == {"T009"}
    assert all(i.severity.value == "warning" for i in rets.issues.by_code("empty-answer"))
    assert "区人社局" not in {i.unit for i in rets.issues.by_code("missing-return")}  # it only leads


def test_without_the_feedback_sheet_the_column_is_read(guangfeng: dict, tmp_path: Path) -> None:
    form = shutil.copy(guangfeng["forms"][HIGH_TECH], tmp_path / "上饶高新区.xlsx")

    def drop(ws, labels, header) -> None:
        del ws.parent["配合单位反馈"]
    rets = gt.read_returns(rh.edit(Path(form), drop), guangfeng["bd"], period=PERIOD)
    relayed = [(p.task_id, p.unit, p.progress) for p in rets.entries if p.via is not None]
    assert relayed == [("T002", INDUSTRY, "区工信局：协助新增电子信息规上企业5家。"),
                       ("T002", COMMERCE, "区商务局：上半年引进电子信息企业4家。"),
                       ("T002", SCIENCE, "区科技局：新认定高新技术企业3家，电子信息企业研发中心2个。完成状态：序时推进"),
                       ("T006", SCIENCE, "区科技局：支持龙头企业申报省级研发平台1个。存在问题：企业研发投入偏低。")]
    assert all(p.source == p.via and p.via.sheet == "进展情况表" and p.via.column == "H" for p in rets.entries if p.via)
    assert not rets.issues.by_code("misplaced-text")


def test_a_custom_template_without_the_feedback_column_still_works(guangfeng: dict, tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "简表.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("表")
    for c, (head, cell) in enumerate((("任务编号", "{{ task.id }}"), ("任务内容", "{{ task.text }}"), ("进展情况", ""))):
        ws.write_string(0, c, head)
        ws.write_string(1, c, cell) if cell else ws.write_blank(1, c, None)
    wb.define_name("tasks", "='表'!$A$2:$C$2")
    wb.close()
    (form,) = gt.write_forms(guangfeng["bd"], tmp_path / "out", period=PERIOD, units=[HIGH_TECH], round="lead",
                             template=path, feedback=guangfeng["round_one"])
    sheets = openpyxl.load_workbook(form)
    assert sheets.sheetnames[:2] == ["表", "配合单位反馈"]
    assert [r[5] for r in sheets["配合单位反馈"].iter_rows(min_row=4, values_only=True)][:3] == [
        "区工信局：协助新增电子信息规上企业5家。", "区商务局：上半年引进电子信息企业4家。",
        "区科技局：新认定高新技术企业3家，电子信息企业研发中心2个。"]


def test_both_rounds_from_the_command_line(tmp_path: Path, capsys) -> None:
    bd = str(BREAKDOWN)
    assert main(["forms", bd, "--period", PERIOD, "-o", str(tmp_path / "r1"), "--round", "coop", "--send-by", "6月15日",
                 "--unit", SCIENCE, HIGH_TECH]) == 0
    assert "2 份2021年上半年配合任务进展情况表" in capsys.readouterr().out
    science = tmp_path / "r1" / "区科技局_2021年上半年_配合任务进展情况表.xlsx"
    (tmp_path / "in1").mkdir()
    rh.fill_form(science, ROUND_ONE[SCIENCE], out=tmp_path / "in1" / science.name)
    assert main(["forms", bd, "--period", PERIOD, "-o", str(tmp_path / "r2"), "--round", "lead", "--coop-returns",
                 str(tmp_path / "in1"), "--send-by", "6月25日", "--unit", HIGH_TECH, "--coop-workbook"]) == 0
    out = capsys.readouterr().out
    assert "已读取第一轮配合单位报表 1 份（1 个单位），配合单位反馈 2 条" in out and "另写入 1 份配合单位反馈汇总工作簿" in out
    lead = tmp_path / "r2" / "上饶高新区_2021年上半年_牵头任务进展情况表.xlsx"
    assert _cells(lead, "配合单位反馈")["T006"] == T006_FEEDBACK
    (tmp_path / "in2").mkdir()
    rh.fill_form(lead, ROUND_TWO[HIGH_TECH], out=tmp_path / "in2" / lead.name)
    code = main(["merge", bd, str(tmp_path / "in2"), "--period", PERIOD, "--round", "lead", "-o", str(tmp_path / "r.xlsx")])
    assert code == 1 and "（牵头单位综合报送）" in capsys.readouterr().out  # other lead units have not reported
    assert main(["forms", bd, "--period", PERIOD, "-o", str(tmp_path / "x"), "--coop-returns", str(tmp_path / "in1")]) == 2
