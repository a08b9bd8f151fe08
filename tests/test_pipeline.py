"""End to end: breakdown → write_forms → units fill and mangle their forms → read_returns → merge → write_report.

Seed 001 (芜湖 2024): every unit gets a form and answers with text unique to it and the task;
the returns folder then holds what units really send (.xls/.ods re-saves, an HTML "xls",
renamed files, reordered rows, a deleted ID column, a table pasted into a new workbook,
inserted rows, a corrupt file, a unit that sent nothing, two versions). Every text from a
file in use must reach the report under its task, and every anomaly must be listed.

Seed 004 (弋江区 2023 Q2) is re-created: its units "return" its own progress texts and the
merged main sheet equals the published table.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
import returns_helpers as rh
from conftest import EXAMPLE_001, EXAMPLE_004, soffice

import govtasks as gt
from govtasks.breakdown.units import split_units
from govtasks.report.write import COOP_SHEET, ISSUES_SHEET, MAIN_SHEET, STATUS_SHEET

PERIOD = "2024Q2"


def text_for(unit: str, task: gt.Task) -> str:
    return f"{unit}关于{task.id}的进展：已完成第{task.number}项工作的阶段目标。"


def unique_units(bd: gt.Breakdown, count: int, skip: set[str]) -> list[str]:
    """Units whose task lists no other unit shares, with several tasks (identifiable by tasks alone)."""
    lists = [tuple(t.id for t in bd.for_unit(u)) for u in bd.units]
    picks = [u for u, ids in zip(bd.units, lists) if lists.count(ids) == 1 and len(ids) >= 4 and u not in skip]
    return picks[:count]


@pytest.fixture(scope="module")
def wuhu(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Seed 001's forms, filled and mangled; the report built from them."""
    if soffice() is None:
        pytest.skip("LibreOffice not installed")
    tmp = tmp_path_factory.mktemp("wuhu")
    bd = gt.import_breakdown(EXAMPLE_001)
    forms = {p.name.split("_")[0]: p for p in gt.write_forms(bd, tmp / "forms", period=PERIOD)}
    assert len(forms) == len(bd.units)
    inbox = tmp / "returns"
    inbox.mkdir()
    filled = {}
    for unit, form in forms.items():
        answers = {t.id: {"progress": text_for(unit, t), "status": "序时推进"} for t in bd.for_unit(unit)}
        filled[unit] = rh.fill_form(form, answers, out=inbox / form.name, contact=("张三", "0553-1234567"),
                                    modified=dt.datetime(2024, 6, 25, 9))
    cases = _mangle(bd, filled, inbox, tmp)
    returns = gt.read_returns(inbox, bd, period=PERIOD)
    report = gt.merge(bd, returns)
    path = gt.write_report(report, tmp / "汇总表.xlsx")
    return {"bd": bd, "cases": cases, "returns": returns, "report": report, "path": path,
            "wb": openpyxl.load_workbook(path)}


def _mangle(bd: gt.Breakdown, filled: dict[str, Path], inbox: Path, tmp: Path) -> dict[str, str]:
    """Apply the anomalies; return case → unit."""
    picks = iter(unique_units(bd, 12, skip=set()))
    cases = {name: next(picks) for name in ("xls", "ods", "html", "renamed", "reordered", "no_id", "copied",
                                             "inserted", "corrupt", "missing", "versions", "formula")}
    rh.resave_with_libreoffice([filled[cases["xls"]]], "xls", inbox)          # one soffice call per format
    rh.resave_with_libreoffice([filled[cases["ods"]]], "ods", inbox)
    for case in ("xls", "ods"):
        filled[cases[case]].unlink()
    html = rh.resave_with_libreoffice([filled[cases["html"]]], "html", tmp / "html")[0]
    shutil.move(html, inbox / f"{cases['html']}（OA导出）.xls")               # an "Excel" file that is HTML inside
    filled[cases["html"]].unlink()
    filled[cases["renamed"]].rename(inbox / "关于报送二季度进展的函（附表）.xlsx".replace("函", f"函{cases['renamed']}"))
    rh.reverse_rows(filled[cases["reordered"]])
    rh.delete_id_column(filled[cases["no_id"]])
    rh.copy_table_to_new_workbook(filled[cases["copied"]], inbox / "新建 Microsoft Excel 工作表.xlsx")
    filled[cases["copied"]].unlink()
    second = bd.for_unit(cases["inserted"])[1].id
    rh.insert_rows(filled[cases["inserted"]], second, ["补充说明：该项工作已报市政府常务会议研究。"], header_down=2)
    rh.corrupt(filled[cases["corrupt"]])
    filled[cases["missing"]].unlink()
    old = filled[cases["versions"]]
    first = bd.for_unit(cases["versions"])[0]
    rh.fill_form(old, {first.id: {"progress": "旧版本的文字"}}, modified=dt.datetime(2024, 6, 20, 9))
    rh.fill_form(old, {first.id: {"progress": text_for(cases["versions"], first)}}, modified=dt.datetime(2024, 6, 28, 17),
                 out=inbox / f"{cases['versions']}（修改稿）.xlsx")
    task = bd.for_unit(cases["formula"])[0]
    rh.fill_form(filled[cases["formula"]], {task.id: {"progress": "=SUM(A1)", "problems": "+86 553 1234567"}})
    return cases


def _main_rows(ws) -> dict[str, list]:
    """任务编号 → main-sheet row values."""
    header = [c.value for c in ws[3]]
    id_col = header.index("任务编号")
    return {row[id_col]: row for row in ws.iter_rows(min_row=4, values_only=True) if row[id_col]}


def _used_units(wuhu: dict) -> set[str]:
    c = wuhu["cases"]
    return set(wuhu["bd"].units) - {c["corrupt"], c["missing"]}


def test_every_text_from_a_file_in_use_is_under_its_task(wuhu: dict) -> None:
    bd, wb, cases = wuhu["bd"], wuhu["wb"], wuhu["cases"]
    main = _main_rows(wb[MAIN_SHEET])
    coop = {(r[1], r[3]): r for r in wb[COOP_SHEET].iter_rows(min_row=4, values_only=True)}
    formula_task = bd.for_unit(cases["formula"])[0].id
    checked = 0
    for unit in _used_units(wuhu):
        for task in bd.for_unit(unit):
            expected = "=SUM(A1)" if (unit, task.id) == (cases["formula"], formula_task) else text_for(unit, task)
            if unit in task.lead:
                assert expected in main[task.id][4], (unit, task.id)
            else:
                assert coop[(task.id, unit)][5] == expected, (unit, task.id)
            checked += 1
    assert checked > 300
    assert all(main[t.id][1] == t.text for t in bd.tasks)
    progress = [c.value or "" for c in wb[MAIN_SHEET]["E"]]
    assert len(progress) > 200 and not any("旧版本的文字" in text for text in progress)  # the older version is not merged


def test_formula_looking_text_is_kept_verbatim(wuhu: dict) -> None:
    wb, bd, cases = wuhu["wb"], wuhu["bd"], wuhu["cases"]
    task = bd.for_unit(cases["formula"])[0]
    cell = next(c for row in wb[MAIN_SHEET].iter_rows() for c in row if c.value and "=SUM(A1)" in str(c.value))
    assert cell.data_type == "s"
    if cases["formula"] in task.lead and len(task.lead) == 1:
        assert cell.value == "=SUM(A1)"
    lead_sheet = [r for r in wb["牵头单位反馈"].iter_rows(min_row=4, values_only=True)]
    coop_sheet = [r for r in wb[COOP_SHEET].iter_rows(min_row=4, values_only=True)]
    assert any(r[6] == "+86 553 1234567" for r in lead_sheet + coop_sheet)
    assert ("formula-text", cases["formula"]) in {(i.code, i.unit) for i in wuhu["returns"].issues}


def test_every_anomaly_is_listed(wuhu: dict) -> None:
    rets, cases = wuhu["returns"], wuhu["cases"]
    by_file = {f.file: f for f in rets.files}
    used = {f.unit: f for f in rets.files if f.state == "ok"}
    issues = {(i.code, i.where.file if i.where else i.unit) for i in rets.issues}
    assert used[cases["xls"]].file.endswith(".xls") and used[cases["ods"]].file.endswith(".ods")
    assert used[cases["html"]].converted and ("converted", used[cases["html"]].file) in issues
    assert used[cases["renamed"]].file.startswith("关于报送") and used[cases["renamed"]].identified_by == "表单信息"
    assert used[cases["copied"]].file == "新建 Microsoft Excel 工作表.xlsx"
    assert used[cases["copied"]].identified_by.startswith("任务内容")
    assert ("matched-by-text", used[cases["copied"]].file) in issues
    assert ("matched-by-text", used[cases["no_id"]].file) in issues
    inserted = [i for i in rets.issues.by_code("unmatched-row") if i.unit == cases["inserted"]]
    assert len(inserted) == 1 and "已报市政府常务会议研究" in inserted[0].message
    corrupt = next(f for f in rets.files if f.file.startswith(cases["corrupt"]))
    assert corrupt.state == "unreadable" and ("unreadable-file", corrupt.file) in issues
    assert ("missing-return", cases["missing"]) in issues and ("missing-return", cases["corrupt"]) in issues
    assert used[cases["versions"]].file == f"{cases['versions']}（修改稿）.xlsx"
    old = by_file[next(n for n in by_file if n.startswith(cases["versions"] + "_"))]
    assert old.state == "superseded" and ("duplicate-return", old.file) in issues
    assert all(f.answered == f.total for f in used.values()), [(f.file, f.answered, f.total) for f in used.values()
                                                              if f.answered != f.total]


def test_anomalies_reach_the_report_sheets(wuhu: dict) -> None:
    wb, cases, rets = wuhu["wb"], wuhu["cases"], wuhu["returns"]
    listed = [r for r in wb[ISSUES_SHEET].iter_rows(min_row=4, values_only=True)]
    assert len(listed) == len(rets.issues)
    assert {r[2] for r in listed} >= {"missing-return", "unreadable-file", "duplicate-return", "unmatched-row",
                                      "matched-by-text", "converted", "formula-text"}
    status = {r[1]: r for r in wb[STATUS_SHEET].iter_rows(min_row=4, values_only=True) if r[4] in ("已报送", "未报送")}
    assert status[cases["missing"]][4] == "未报送" and status[cases["corrupt"]][4] == "未报送"
    assert status[cases["versions"]][10].startswith("未采用的文件：")
    others = [r for r in wb[STATUS_SHEET].iter_rows(min_row=4, values_only=True) if r[4] in ("无法读取", "已被较新版本替代")]
    assert len(others) == 2
    note = wb[MAIN_SHEET]["A2"].value
    assert "已报送" in note and f"错误 {len(rets.issues.errors)} 条" in note


def test_report_frame_and_cli_exit_code(wuhu: dict, tmp_path: Path, capsys) -> None:
    frame = wuhu["report"].to_frame()
    assert len(frame) == 220 and frame["进展情况"].str.len().gt(0).sum() > 150
    from govtasks.cli import main

    inbox = wuhu["path"].parent / "returns"
    std = gt.write_breakdown(wuhu["bd"], tmp_path / "std.xlsx")
    code = main(["merge", str(std), str(inbox), "--period", PERIOD, "-o", str(tmp_path / "r.xlsx"), "--with-status"])
    assert code == 1 and (tmp_path / "r.xlsx").exists()  # errors in the data: the report is still written
    assert "已写入" in capsys.readouterr().out


# --- seed 004 re-created ----------------------------------------------------------------

def test_seed_004_recreated(tmp_path: Path) -> None:
    bd = gt.import_breakdown(EXAMPLE_004)
    assert all(t.progress for t in bd.tasks)
    forms = gt.write_forms(bd, tmp_path / "forms", period="2023Q2")
    inbox = tmp_path / "returns"
    inbox.mkdir()
    for form in forms:
        unit = rh.form_meta(form)["单位"]
        answers = {t.id: {"progress": t.progress} for t in bd.for_unit(unit) if unit in t.lead}
        rh.fill_form(form, answers, out=inbox / form.name)
    returns = gt.read_returns(inbox, bd, period="2023Q2")
    report = gt.merge(bd, returns)
    path = gt.write_report(report, tmp_path / "弋江区汇总.xlsx")
    ws = openpyxl.load_workbook(path)[MAIN_SHEET]
    assert ws["A1"].value == "弋江区2023年第二季度重点工作进展和完成情况"
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True)]
    tasks = [r for r in rows if r[5]]
    assert len(tasks) == len(bd.tasks) == 126
    for row, task in zip(tasks, bd.tasks):
        assert (row[0], row[1], row[4]) == (task.number, task.text, task.progress), task.id
        assert split_units(row[2] or "").names == task.lead and split_units(row[3] or "").names == task.coop
    sections = [r[0] for r in rows if not r[5]]
    assert sections == list(dict.fromkeys(t.path[0] for t in bd.tasks))
    again = [t for t in gt.import_breakdown(path).tasks if t.source.sheet == MAIN_SHEET]  # a readable table again
    assert [(t.number, t.text, t.lead, t.coop, t.progress, t.path) for t in again] == \
        [(t.number, t.text, t.lead, t.coop, t.progress, t.path) for t in bd.tasks]
    from govtasks.forms.write import (
        read_previous,  # next period's forms can show this report as 上期进展
    )

    assert read_previous(path) == {t.id: t.progress for t in bd.tasks}
