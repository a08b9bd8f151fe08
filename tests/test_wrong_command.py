"""Every govtasks output says what it is when it is given to the wrong command (issue 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO

import govtasks as gt
from govtasks.cli import main

PUBLISHED = REPO / "examples" / "data" / "弋江区2023年二季度重点工作进展和完成情况.xlsx"
RETURNS = REPO / "examples" / "returns" / "弋江2023Q2"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    bd = gt.import_breakdown(PUBLISHED)
    rets = gt.read_returns(RETURNS, bd, period="2023Q2")
    return gt.write_report(gt.merge(bd, rets), tmp_path_factory.mktemp("r") / "汇总.xlsx")


def test_a_report_given_as_the_breakdown_gives_its_126_tasks_not_its_feedback_rows(report: Path, capsys) -> None:
    bd = gt.import_breakdown(report)
    assert len(bd.tasks) == 126  # seed 004 has 126 tasks; the feedback sheets hold 200 more rows
    assert bd.issues.by_code("sheet-skipped")[0].message.startswith("这是govtasks 汇总表")
    main(["show", str(report)])
    assert "126 项任务" in capsys.readouterr().out


def test_a_returned_form_given_to_import_says_what_it_is(tmp_path: Path, capsys) -> None:
    form = RETURNS / "区财政局_2023年第二季度_重点工作进展情况表.xlsx"
    with pytest.raises(gt.LayoutError, match="这是单位报回的重点工作进展情况表，不是任务分解表"):
        gt.import_breakdown(form)
    assert main(["show", str(form)]) == 2
    err = capsys.readouterr().err
    assert "govtasks merge" in err and "Traceback" not in err


def test_the_breakdown_and_a_report_in_the_returns_folder_are_not_forms(report: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    shutil.copytree(RETURNS, inbox)
    shutil.copy(report, inbox / "上期汇总表.xlsx")
    bd = gt.import_breakdown(PUBLISHED)
    standard = gt.write_breakdown(bd, inbox / "分解表_标准.xlsx")
    rets = gt.read_returns(inbox, bd, period="2023Q2")
    others = {f.file: f for f in rets.files if f.state == "not-a-form"}
    assert set(others) == {"上期汇总表.xlsx", standard.name}
    assert others["上期汇总表.xlsx"].message.startswith("这是govtasks 汇总表（重点工作进展和完成情况），不是单位报回的填报表")
    assert others[standard.name].message.startswith("这是标准任务分解表，不是单位报回的填报表")
    assert not rets.issues.by_code("unknown-return-unit")
