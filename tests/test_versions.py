"""Several versions of one unit's return: the newest answer per task wins, a blank never erases one,
and every other text is kept in the report's 其他版本 sheet.

Forms are the real ``write_forms`` output for seed 003 (广丰区 2021), filled and re-saved with
openpyxl as a clerk's Excel would; the texts and task IDs below are written out by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import returns_helpers as rh
from conftest import DATA

import govtasks as gt
from govtasks.report.write import MAIN_SHEET, STATUS_SHEET, VERSIONS_SHEET

BREAKDOWN = DATA / "广丰区2021年区政府工作报告重点工作责任分工_标准.xlsx"
PERIOD = "2021H1"
UNIT = "区工信局"  # leads T001, T003, T005, T008 …; cooperates on T002, T007 …
FIRST = dt.datetime(2021, 6, 10, 9, 0)
SECOND = dt.datetime(2021, 6, 14, 16, 30)


@pytest.fixture(scope="module")
def bd() -> gt.Breakdown:
    return gt.read_breakdown(BREAKDOWN)


@pytest.fixture
def form(bd: gt.Breakdown, tmp_path: Path) -> Path:
    (path,) = gt.write_forms(bd, tmp_path / "forms", period=PERIOD, units=[UNIT])
    (tmp_path / "inbox").mkdir()
    return path


def _report(bd: gt.Breakdown, inbox: Path, out: Path) -> tuple[gt.Returns, openpyxl.Workbook]:
    rets = gt.read_returns(inbox, bd, period=PERIOD)
    path = gt.write_report(gt.merge(bd, rets), out)
    return rets, openpyxl.load_workbook(path)


def _main(wb: openpyxl.Workbook) -> dict[str, str]:
    """任务编号 → 进展情况 of the report's main sheet."""
    return {r[5]: r[4] for r in wb[MAIN_SHEET].iter_rows(min_row=4, values_only=True) if r[5]}


def _row_of(path: Path, task_id: str) -> int:
    wb = openpyxl.load_workbook(path)
    ws, labels, header = rh.form_sheet(wb)
    return rh.task_rows(ws, labels, header)[task_id]


def test_blank_form_sent_again_erases_nothing(bd: gt.Breakdown, form: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    rh.fill_form(form, {"T001": {"progress": "产业链链长制已覆盖电子信息等8条产业链。", "status": "序时推进"},
                        "T003": {"progress": "福丰化工技改项目已投产。"},
                        "T002": {"progress": "已配合引进电子信息企业6家。"}},
                 out=inbox / "区工信局_上半年进展.xlsx", modified=FIRST)
    rh.fill_form(form, {}, out=inbox / "区工信局_上半年进展（重发）.xlsx", modified=SECOND)  # the blank form, re-sent
    rets, wb = _report(bd, inbox, tmp_path / "汇总表.xlsx")
    main = _main(wb)
    assert main["T001"] == "产业链链长制已覆盖电子信息等8条产业链。"
    assert main["T003"] == "福丰化工技改项目已投产。"
    coop = {(p.task_id, p.unit): p.progress for p in rets.entries if p.role == "配合"}
    assert coop[("T002", UNIT)] == "已配合引进电子信息企业6家。"
    states = {f.file: f.state for f in rets.files}
    assert states == {"区工信局_上半年进展（重发）.xlsx": "ok", "区工信局_上半年进展.xlsx": "superseded"}
    older = {i.task_id: i for i in rets.issues.by_code("answer-from-older-version")}
    assert set(older) == {"T001", "T002", "T003"}
    assert older["T001"].where.file == "区工信局_上半年进展.xlsx" and older["T001"].severity.value == "info"
    assert "区工信局_上半年进展.xlsx" in older["T001"].message
    empty = {i.task_id for i in rets.issues.by_code("empty-answer")}
    assert not empty & {"T001", "T002", "T003"} and "T005" in empty  # answered tasks are not reported blank
    used = next(f for f in rets.files if f.state == "ok")
    assert used.answered == 3
    assert rets.versions == ()  # the blank version wrote nothing
    listed = [r for r in wb[STATUS_SHEET].iter_rows(min_row=4, values_only=True) if r[6] == "区工信局_上半年进展.xlsx"]
    assert listed[0][10] == "已由 区工信局_上半年进展（重发）.xlsx 替代；其中 3 项任务的答复因较新版本未填写仍被采用"


def test_refilled_form_newer_text_wins_older_kept(bd: gt.Breakdown, form: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    first = rh.fill_form(form, {"T001": {"progress": "链长制方案已起草。", "problems": "专业人才不足。"},
                                "T003": {"progress": "技改项目已完成备案5个。"},
                                "T005": {"progress": "已召开链长制工作推进会。"}},
                         out=inbox / "区工信局.xlsx", modified=FIRST)
    rh.fill_form(form, {"T001": {"progress": "链长制方案已印发实施，8条产业链均明确链长。"},
                        "T005": {"progress": "已召开链长制工作推进会。"}},  # the same text again; T003 left blank
                 out=inbox / "区工信局（修改稿）.xlsx", modified=SECOND)
    rets, wb = _report(bd, inbox, tmp_path / "汇总表.xlsx")
    main = _main(wb)
    assert main["T001"] == "链长制方案已印发实施，8条产业链均明确链长。"
    assert main["T003"] == "技改项目已完成备案5个。"  # partly blank newer version: the older answer stays
    assert main["T005"] == "已召开链长制工作推进会。"
    row = _row_of(first, "T001")
    rows = [r for r in wb[VERSIONS_SHEET].iter_rows(min_row=4, values_only=True) if r[0]]
    assert rows == [
        ("1", "区工信局", "T001", bd.task("T001").text, "进展情况", "链长制方案已起草。", f"区工信局.xlsx!进展情况表!I{row}",
         "2021-06-10 09:00"),
        ("2", "区工信局", "T001", bd.task("T001").text, "存在问题", "专业人才不足。", f"区工信局.xlsx!进展情况表!J{row}",
         "2021-06-10 09:00"),
    ]
    assert [(v.task_id, v.label, v.text, v.time) for v in rets.versions] == [
        ("T001", "进展情况", "链长制方案已起草。", FIRST), ("T001", "存在问题", "专业人才不足。", FIRST)]
    (older,) = rets.issues.by_code("answer-from-older-version")
    assert older.task_id == "T003" and older.where == gt.CellRef(file="区工信局.xlsx", sheet="进展情况表",
                                                                  row=_row_of(first, "T003"), column="I")
    frame = gt.merge(bd, rets).versions_frame()
    assert list(frame.columns) == ["单位", "任务编号", "栏目", "内容", "位置", "时间"] and len(frame) == 2


def test_a_form_of_another_period_fills_nothing_but_its_text_is_kept(bd: gt.Breakdown, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (old,) = gt.write_forms(bd, tmp_path / "h2", period="2020H2", units=[UNIT])
    (new,) = gt.write_forms(bd, tmp_path / "h1", period=PERIOD, units=[UNIT])
    rh.fill_form(old, {"T003": {"progress": "去年下半年的进展。"}}, out=inbox / "区工信局_去年.xlsx", modified=SECOND)
    rh.fill_form(new, {"T001": {"progress": "本期进展。"}}, out=inbox / "区工信局_本期.xlsx", modified=FIRST)
    rets, wb = _report(bd, inbox, tmp_path / "汇总表.xlsx")
    main = _main(wb)
    # T003 has no answer of this period: the printed report says so, the other period's text is not used
    assert main["T001"] == "本期进展。" and main["T003"] == "未报送"
    assert [(v.task_id, v.text) for v in rets.versions] == [("T003", "去年下半年的进展。")]
    assert not rets.issues.by_code("answer-from-older-version")
