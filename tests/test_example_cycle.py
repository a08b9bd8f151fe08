"""The README runs as written: the main job on the bundled 弋江 returns, and the notebook quick-start.

The merged report is compared with the published 弋江 2023 Q2 table as the seed text has it
(examples/sources/004…, parsed straight from the text by examples/rebuild/seed004.py, not by
govtasks).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO, seed_rows

import govtasks as gt
from govtasks.cli import main

RETURNS = REPO / "examples" / "returns" / "弋江2023Q2"
PUBLISHED = REPO / "examples" / "data" / "弋江区2023年二季度重点工作进展和完成情况.xlsx"
MISSING = "区市监局"
MISSING_TASKS = {"30", "97"}  # the tasks 区市监局 leads (seed 004)


def _bare(cell: str) -> str:
    """A unit cell's characters without separators and without 区: the report names a unit the way
    the document names it most (医保分局 and 区医保分局 are one unit, 区医保分局)."""
    return re.sub(r"[\s、，,区]", "", cell)


def _readme_block(lang: str, index: int = 0) -> str:
    blocks = re.findall(rf"```{lang}\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    return blocks[index]


@pytest.fixture(scope="module")
def merged() -> tuple[gt.Breakdown, gt.Returns, gt.Report]:
    bd = gt.import_breakdown(PUBLISHED)
    rets = gt.read_returns(RETURNS, bd, period="2023Q2")
    return bd, rets, gt.merge(bd, rets)


def test_the_bundled_returns_fit_the_imported_breakdown(merged) -> None:
    _, rets, _ = merged
    assert not rets.issues.by_code("other-breakdown"), "rebuild examples/returns: python examples/rebuild/returns004.py"
    assert {f.state for f in rets.files} == {"ok"} and len(rets.files) == 38


def test_the_report_equals_the_published_table_but_for_the_missing_unit(merged) -> None:
    _, _, report = merged
    published = [r for r in seed_rows("seed004") if r["kind"] == "task"]
    rows = report.tasks
    assert [r.number for r in rows] == [p["number"] for p in published]
    for row, p in zip(rows, published):
        assert row.text == p["text"], p["number"]
        assert _bare("".join(row.lead)) == _bare(p["lead"]) and _bare("".join(row.coop)) == _bare(p["units"]), p["number"]
        if p["number"] in MISSING_TASKS:
            assert row.progress == "" and row.missing == (MISSING,), p["number"]
        else:
            assert row.progress == p["progress"], p["number"]
    sections = [r.text for r in report.rows if r.kind == "section"]
    assert sections == [r["text"] for r in seed_rows("seed004") if r["kind"] == "section"]


def test_several_lead_units_stay_apart(merged) -> None:
    """The seed separates units by spaces, and a name may hold a wrap space; read from the seed:"""
    _, _, report = merged
    lead = {r.number: r.lead for r in report.tasks}
    assert lead["26"] == ("区发改委", "区商务局")
    assert lead["105"] == ("总工会", "团区委", "区妇联", "区残联", "区关工委")
    assert lead["115"] == ("区委办", "区纪委监委机关", "区委组织部", "区委宣传部", "区政府办")
    assert lead["117"] == ("区审计局", "区财政局")
    assert {r.number: r.coop for r in report.tasks}["1"] == ("智能网联及新能源汽车招商中心成员单位",)


def test_returns_sent_back_as_units_do_are_all_read(merged) -> None:
    _, rets, report = merged
    by_file = {f.file: f for f in rets.files}
    assert by_file["发改委二季度进展情况（终稿）.xlsx"].unit == "区发改委"  # renamed: told by its form
    assert by_file["区经信局_2023年第二季度_重点工作进展情况表.xls"].unit == "区经信局"  # saved as .xls
    farm = [p.task_id for p in sorted(rets.for_unit("区农水局"), key=lambda p: p.source.row) if p.progress]
    assert len(farm) == 8 and farm == sorted(farm, reverse=True)  # sorted the other way: still matched by ID
    assert by_file["规划建设部_2023年第二季度_重点工作进展情况表.xlsx"].sheet == "进展情况表"  # 填报说明 sheet before it
    missing = [i for i in rets.issues.by_code("missing-return") if i.unit == MISSING]
    assert [i.severity for i in missing] == [gt.Severity.ERROR]
    assert MISSING in report.missing_units


def test_the_readme_main_job_runs_the_cycle_and_says_where_each_output_is(tmp_path: Path, monkeypatch, capsys) -> None:
    command = _readme_block("bash", 0).strip()
    steps = [s.strip() for s in command.split("&&")]
    assert steps[0] == "pip install -e ." and [s.split()[1] for s in steps[1:]] == ["import", "forms", "merge"]
    os.symlink(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    codes = [main(step.split()[1:]) for step in steps[1:]]
    out = capsys.readouterr().out
    assert codes == [0, 0, 1]  # 1: a lead unit's return is missing (the report is written)
    assert "已写入 out/弋江2023_标准.xlsx" in out and "保存在 out/forms" in out and "已写入 out/弋江2023Q2汇总表.xlsx" in out
    assert len(list((tmp_path / "out" / "forms").glob("*.xlsx"))) == 68  # 39 lead units, 29 others (13 of them groups)
    ws = openpyxl.load_workbook(tmp_path / "out" / "弋江2023Q2汇总表.xlsx")["重点工作进展情况"]
    first = [r for r in seed_rows("seed004") if r["kind"] == "task"][0]
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "1")
    assert row[1] == first["text"] and row[4] == first["progress"]


def test_the_readme_quick_start_runs_top_to_bottom(tmp_path: Path, monkeypatch) -> None:
    os.symlink(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out" / "芜湖forms").mkdir(parents=True)
    shutil.copy(REPO / "examples" / "data" / "芜湖市2024年度市政府重点工作任务分解_标准.xlsx",
                tmp_path / "out" / "芜湖forms" / "placeholder.xlsx")  # a folder that already holds files
    namespace: dict = {}
    exec(compile(_readme_block("python", 0), "README.md", "exec"), namespace)
    assert len(namespace["bd"].tasks) == 220
    assert len(list((tmp_path / "out" / "芜湖forms").glob("*进展情况表.xlsx"))) == 80
    assert (tmp_path / "out" / "弋江2023Q2汇总表.xlsx").exists()
    assert MISSING in namespace["report"].missing_units
