"""read_returns(): identification, row matching and issues, on forms written to the contract (docs/form-contract.md).

Forms here come from ``returns_helpers.contract_form`` (independent of govtasks.forms) and are
filled and mangled with openpyxl the way clerks do it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import returns_helpers as rh
from conftest import EXAMPLE_001
from helpers import write_minimal_docx, write_xlsx
from openpyxl.utils import get_column_letter

import govtasks as gt
from govtasks.breakdown.standard import fingerprint
from govtasks.cli import main

BD = gt.import_breakdown(EXAMPLE_001)
LEAD = "市财政局"      # 10 lead + 2 cooperating tasks
OTHER = "市人社局"


def mine(unit: str = LEAD) -> tuple[gt.Task, ...]:
    return BD.for_unit(unit)


def text(unit: str, task: gt.Task) -> str:
    return f"{unit}：{task.id}已完成阶段目标"


def filled(folder: Path, unit: str = LEAD, period: str = "2024Q2", name: str | None = None, **kw) -> Path:
    folder.mkdir(exist_ok=True)
    form = rh.contract_form(folder / (name or f"{unit}_重点工作进展情况表.xlsx"), BD, unit, period)
    answers = {t.id: {"progress": text(unit, t), "status": "序时推进"} for t in BD.for_unit(unit)}
    return rh.fill_form(form, answers, **kw)


def read(*paths: Path, **kw) -> gt.Returns:
    return gt.read_returns(list(paths) if len(paths) > 1 else paths[0], BD, period=kw.pop("period", "2024Q2"), **kw)


def codes(rets: gt.Returns, unit: str | None = None) -> set[str]:
    return {i.code for i in rets.issues if i.code != "missing-return" and (unit is None or i.unit == unit)}


def answers_of(rets: gt.Returns, unit: str = LEAD) -> dict[str, str]:
    return {p.task_id: p.progress for p in rets.for_unit(unit) if p.task_id}


def test_a_clean_return(tmp_path: Path) -> None:
    path = filled(tmp_path, contact=("张三", "0553-1234567"), modified=dt.datetime(2024, 6, 25, 9))
    rets = read(path)
    f = rets.files[0]
    assert (f.unit, f.period, f.identified_by, f.sheet, f.state) == (LEAD, "2024Q2", "表单信息", "进展情况表", "ok")
    assert (f.answered, f.total, f.fingerprint, f.generated) == (12, 12, fingerprint(BD), "2024-06-20T09:00:00")
    assert f.contact == (("填报人", "张三"), ("联系电话", "0553-1234567")) and f.time == dt.datetime(2024, 6, 25, 9)
    assert answers_of(rets) == {t.id: text(LEAD, t) for t in mine()}
    first = rets.for_unit(LEAD)[0]
    assert (first.role, first.status, str(first.source)) == ("牵头", "序时推进", f"{path.name}!进展情况表!I6")
    assert codes(rets) == set() and rets.period == "2024Q2" and rets.units == (LEAD,)
    assert list(rets.to_frame().columns[:5]) == ["任务编号", "单位", "职责", "完成状态", "进展情况"]


def _drop_meta(ws, labels, header_row) -> None:
    del ws.parent["_meta"]


def test_identified_without_meta_by_title_file_name_or_tasks(tmp_path: Path) -> None:
    no_meta = rh.edit(filled(tmp_path / "a"), _drop_meta)
    assert read(no_meta).files[0].identified_by == "标题"
    by_name = rh.copy_table_to_new_workbook(filled(tmp_path / "b"), tmp_path / "b" / f"{LEAD}报送.xlsx")
    assert read(by_name).files[0].identified_by == "文件名"
    by_tasks = rh.copy_table_to_new_workbook(filled(tmp_path / "c"), tmp_path / "c" / "Book1.xlsx", sheet="我的表")
    rets = read(by_tasks)
    assert (rets.files[0].unit, rets.files[0].identified_by, rets.files[0].sheet) == (LEAD, "任务内容", "我的表")
    assert answers_of(rets) == {t.id: text(LEAD, t) for t in mine()}
    assert "matched-by-text" in codes(rets)


def test_renamed_file_and_sheet(tmp_path: Path) -> None:
    path = filled(tmp_path)
    rh.edit(path, lambda ws, *_: setattr(ws, "title", "Sheet1"))
    renamed = path.rename(tmp_path / "最终版（请查收）.xlsx")
    rets = read(renamed)
    assert (rets.files[0].unit, rets.files[0].sheet) == (LEAD, "Sheet1") and answers_of(rets)[mine()[0].id]


def test_reordered_rows_with_and_without_the_id_column(tmp_path: Path) -> None:
    whole = read(rh.reverse_rows(filled(tmp_path / "a")))
    assert answers_of(whole) == {t.id: text(LEAD, t) for t in mine()} and codes(whole) == set()
    sorted_wrong = read(rh.reverse_rows(filled(tmp_path / "b"), with_ids=False))
    assert answers_of(sorted_wrong) == {t.id: text(LEAD, t) for t in mine()}
    conflicts = sorted_wrong.issues.by_code("matched-by-text")
    assert conflicts and all("可能排序时未选中隐藏的任务编号列" in i.message for i in conflicts)


def test_deleted_id_column_and_damaged_ids(tmp_path: Path) -> None:
    rets = read(rh.delete_id_column(filled(tmp_path / "a")))
    assert answers_of(rets) == {t.id: text(LEAD, t) for t in mine()}
    assert [i.where.row for i in rets.issues.by_code("matched-by-text")] == [0]  # one note for the file, not per row

    def damage(ws, labels, header_row):
        rows = rh.task_rows(ws, labels, header_row)
        ws.cell(rows[mine()[0].id], labels["任务编号"]).value = mine()[0].id.lower().replace("t0", "t")
        ws.cell(rows[mine()[1].id], labels["任务编号"]).value = int(mine()[1].id[1:])
    assert answers_of(read(rh.edit(filled(tmp_path / "b"), damage))) == {t.id: text(LEAD, t) for t in mine()}


def test_header_moved_down_blank_and_explanatory_rows(tmp_path: Path) -> None:
    path = rh.insert_rows(filled(tmp_path), mine()[3].id, ["", "说明：第4项资金已拨付到位"], header_down=3)
    rets = read(path)
    assert answers_of(rets) == {t.id: text(LEAD, t) for t in mine()}
    (issue,) = rets.issues.by_code("unmatched-row")
    ws, labels, _ = rh.form_sheet(openpyxl.load_workbook(path))
    row = next(c.row for c in ws[get_column_letter(labels["进展情况"])] if c.value == "说明：第4项资金已拨付到位")
    assert "说明：第4项资金已拨付到位" in issue.message and issue.where.row == row
    assert [p.progress for p in rets.entries if not p.task_id] == ["说明：第4项资金已拨付到位"]


def test_merged_answer_cells_answer_every_covered_task(tmp_path: Path) -> None:
    def merge_two(ws, labels, header_row):
        rows = rh.task_rows(ws, labels, header_row)
        col = labels["进展情况"]
        a, b = rows[mine()[0].id], rows[mine()[1].id]
        ws.cell(a, col).value = "两项合并填写"
        ws.cell(b, col).value = None
        ws.merge_cells(start_row=a, start_column=col, end_row=b, end_column=col)
    rets = read(rh.edit(filled(tmp_path), merge_two))
    got = {p.task_id: p for p in rets.for_unit(LEAD)}
    assert got[mine()[0].id].progress == got[mine()[1].id].progress == "两项合并填写"
    assert got[mine()[1].id].source == got[mine()[0].id].source


def test_text_in_the_wrong_columns_is_kept(tmp_path: Path) -> None:
    t0, t1, t2 = mine()[:3]

    def misplace(ws, labels, header_row):
        rows = rh.task_rows(ws, labels, header_row)
        ws.cell(rows[t0.id], labels["进展情况"]).value = None
        ws.cell(rows[t0.id], labels["完成状态"]).value = "已召开专题会议研究部署，完成年度目标的一半"
        ws.cell(rows[t1.id], labels["完成状态"]).value = "基本完成"
        ws.cell(rows[t2.id], labels["牵头单位"]).value = "已完成，详见附件"
        ws.cell(rows[t2.id], ws.max_column + 2).value = "写在表格外的补充"
    rets = read(rh.edit(filled(tmp_path), misplace))
    got = {p.task_id: p for p in rets.for_unit(LEAD)}
    assert got[t0.id].progress == "已召开专题会议研究部署，完成年度目标的一半" and got[t0.id].status == ""
    assert got[t1.id].status == "基本完成"
    assert got[t2.id].extra == (("牵头单位", "已完成，详见附件"), ("N列（无表头）", "写在表格外的补充"))
    assert [i.code for i in rets.issues if i.task_id in (t0.id, t1.id, t2.id)] == [
        "misplaced-text", "bad-status", "misplaced-text", "misplaced-text"]
    assert rets.issues.by_code("bad-status")[0].where.column == "H"


def test_edited_task_text_and_foreign_task(tmp_path: Path) -> None:
    foreign = mine(OTHER)[0]

    def edit(ws, labels, header_row):
        rows = rh.task_rows(ws, labels, header_row)
        ws.cell(rows[mine()[0].id], labels["任务内容"]).value = mine()[0].text + "（本单位建议调整为年内完成）"
        r = ws.max_row + 1
        ws.cell(r, labels["任务编号"]).value = foreign.id
        ws.cell(r, labels["进展情况"]).value = "我局也参与了这项工作"
    rets = read(rh.edit(filled(tmp_path), edit))
    (edited,) = rets.issues.by_code("task-text-edited")
    assert "本单位建议调整为年内完成" in edited.message and edited.task_id == mine()[0].id
    (other,) = rets.issues.by_code("foreign-task")
    assert other.task_id == foreign.id
    report = gt.merge(BD, rets)
    assert ("我局也参与了这项工作", "") in [(p.progress, p.role) for p in report.coop]


def test_formula_cells_and_formula_like_text(tmp_path: Path) -> None:
    t0, t1 = mine()[:2]
    path = rh.fill_form(rh.contract_form(tmp_path / "f.xlsx", BD, LEAD, "2024Q2"),
                        {t0.id: {"progress": "=SUM(A1)"}}, literal=False)     # becomes a formula cell
    rh.fill_form(path, {t1.id: {"progress": "=SUM(A1)", "problems": "+86 553 1234567"}})  # typed as text
    rets = read(path)
    got = {p.task_id: p for p in rets.for_unit(LEAD)}
    assert got[t0.id].progress == got[t1.id].progress == "=SUM(A1)" and got[t1.id].problems == "+86 553 1234567"
    assert [(i.code, i.task_id) for i in rets.issues if i.code.startswith("formula")] == [
        ("formula", t0.id), ("formula-text", t1.id)]
    rows = gt.merge(BD, rets).tasks
    assert next(r for r in rows if r.task_id == t0.id).progress == "=SUM(A1)"


def test_formula_cells_in_an_xls_resave_are_reported(tmp_path: Path, libreoffice) -> None:
    t0, t1 = mine()[:2]
    (tmp_path / "src").mkdir()
    src = rh.fill_form(rh.contract_form(tmp_path / "src" / "f.xlsx", BD, LEAD, "2024Q2"),
                       {t0.id: {"progress": '="已完成"&"80%"'}}, literal=False)  # a formula with a text result
    rh.fill_form(src, {t1.id: {"progress": "=SUM(A1)"}})  # typed as text
    out = tmp_path / "returns"
    out.mkdir()
    xls = rh.resave_with_libreoffice([src], "xls", out)[0]
    rets = read(xls)
    got = {p.task_id: p for p in rets.for_unit(LEAD)}
    assert got[t0.id].progress == "已完成80%" and got[t1.id].progress == "=SUM(A1)"
    formula = [i for i in rets.issues if i.code == "formula"]
    assert [(i.task_id, i.where.file, i.where.row) for i in formula] == [(t0.id, xls.name, got[t0.id].source.row)]
    assert "已取其计算结果“已完成80%”" in formula[0].message and ".xls" in formula[0].message
    assert [i.task_id for i in rets.issues if i.code == "formula-text"] == [t1.id]


def test_empty_answers_and_deleted_rows(tmp_path: Path) -> None:
    lead_task, coop_task = mine()[0], mine()[-1]
    assert coop_task.role_of(LEAD) == "配合"

    def blank(ws, labels, header_row):
        rows = rh.task_rows(ws, labels, header_row)
        for t in (lead_task, coop_task):
            ws.cell(rows[t.id], labels["进展情况"]).value = None
            ws.cell(rows[t.id], labels["完成状态"]).value = None
        ws.delete_rows(rows[mine()[1].id])
    rets = read(rh.edit(filled(tmp_path), blank))
    found = {(i.code, i.task_id, i.severity.value) for i in rets.issues if i.unit == LEAD}
    assert found == {("empty-answer", lead_task.id, "error"), ("empty-answer", coop_task.id, "warning"),
                     ("missing-row", mine()[1].id, "error")}
    assert rets.files[0].answered == 9


def test_two_versions_the_newer_wins(tmp_path: Path) -> None:
    old = filled(tmp_path, modified=dt.datetime(2024, 6, 20, 9))
    new = rh.fill_form(old, {mine()[0].id: {"progress": "修改后"}}, out=tmp_path / f"{LEAD}(2).xlsx",
                       modified=dt.datetime(2024, 6, 22, 9))
    rets = read(tmp_path)
    assert answers_of(rets)[mine()[0].id] == "修改后"
    state = {f.file: (f.state, f.superseded_by) for f in rets.files}
    assert state == {new.name: ("ok", ""), old.name: ("superseded", new.name)}
    (dup,) = rets.issues.by_code("duplicate-return")
    assert dup.where.file == old.name and "已采用" in dup.message
    same_saved = tmp_path / "same"
    a = filled(same_saved, name="a.xlsx", modified=dt.datetime(2024, 6, 20, 9))
    b = rh.fill_form(a, {mine()[0].id: {"progress": "按文件时间较新"}}, out=same_saved / "b.xlsx",
                     modified=dt.datetime(2024, 6, 20, 9))
    rh.set_time(a, dt.datetime(2024, 6, 21)), rh.set_time(b, dt.datetime(2024, 6, 23))
    assert answers_of(read(same_saved))[mine()[0].id] == "按文件时间较新"


def test_wrong_period_and_wrong_unit(tmp_path: Path) -> None:
    q1 = filled(tmp_path / "a", period="2024Q1", modified=dt.datetime(2024, 6, 30))
    rets = read(q1)
    (issue,) = rets.issues.by_code("wrong-period")
    assert issue.severity.value == "error" and "2024年第一季度" in issue.message and rets.files[0].state == "ok"
    q2 = filled(tmp_path / "a", name="本期.xlsx", modified=dt.datetime(2024, 6, 1))
    both = read(tmp_path / "a")
    assert {f.file: f.state for f in both.files} == {q1.name: "superseded", q2.name: "ok"}  # right period beats newer
    wrong = shutil.copy(filled(tmp_path / "b", unit=OTHER), tmp_path / "b" / f"{LEAD}.xlsx")
    rets = read(Path(wrong))
    (issue,) = rets.issues.by_code("wrong-unit")
    assert rets.files[0].unit == OTHER and f"文件名显示是“{LEAD}”" in issue.message


def test_other_files_in_the_folder(tmp_path: Path) -> None:
    filled(tmp_path)
    write_minimal_docx(tmp_path / "报送函.docx", "现将我局二季度进展报送如下")
    (tmp_path / "扫描件.pdf").write_bytes(b"%PDF-1.4")
    write_xlsx(tmp_path / "统计表.xlsx", {"Sheet1": [["项目", "数量"], ["企业", 3]]})
    rh.corrupt(shutil.copy(filled(tmp_path / "x", unit=OTHER), tmp_path / f"{OTHER}.xlsx"))
    shutil.copy(tmp_path / "x" / f"{OTHER}_重点工作进展情况表.xlsx", tmp_path / "市发改委.et")
    (tmp_path / "~$锁文件.xlsx").write_bytes(b"lock")
    shutil.rmtree(tmp_path / "x")
    rets = read(tmp_path, libreoffice=False)
    states = {f.file: f.state for f in rets.files}
    assert states == {f"{LEAD}_重点工作进展情况表.xlsx": "ok", "报送函.docx": "not-a-form", "扫描件.pdf": "not-a-form",
                      "统计表.xlsx": "not-a-form", f"{OTHER}.xlsx": "unreadable", "市发改委.et": "ok"}
    assert set(rets.not_forms) == {"报送函.docx", "扫描件.pdf", "统计表.xlsx", f"{OTHER}.xlsx"}
    assert codes(rets) >= {"not-a-form", "unreadable-file", "wrong-unit"}  # the .et holds 人社局's form


def test_et_without_libreoffice_says_save_as_xlsx(tmp_path: Path) -> None:
    (tmp_path / "市发改委.et").write_bytes(b"\x00WPS spreadsheet" * 20)
    (issue,) = read(tmp_path, libreoffice=False).issues.by_code("unreadable-file")
    assert "另存为 .xlsx" in issue.message and issue.severity.value == "error"


def test_missing_returns_severity_and_strict(tmp_path: Path) -> None:
    rets = read(filled(tmp_path))
    missing = {i.unit: i.severity.value for i in rets.issues.by_code("missing-return")}
    assert LEAD not in missing and missing["市发改委"] == "error" and missing["亳芜现代产业园区管委会"] == "warning"
    with pytest.raises(gt.IssuesFoundError):
        read(filled(tmp_path), strict=True)


def test_period_is_inferred_and_progress_reported(tmp_path: Path) -> None:
    filled(tmp_path)
    calls = []
    rets = gt.read_returns(tmp_path, BD, on_progress=lambda done, total, name: calls.append((done, total)))
    assert rets.period == "2024Q2" and calls == [(1, 1)]


def test_libreoffice_resaves_xls_ods_with_merges(tmp_path: Path, libreoffice) -> None:
    def merge_two(ws, labels, header_row):
        rows = rh.task_rows(ws, labels, header_row)
        col = labels["进展情况"]
        ws.cell(rows[mine()[0].id], col).value = "合并"
        ws.merge_cells(start_row=rows[mine()[0].id], start_column=col, end_row=rows[mine()[1].id], end_column=col)
    src = rh.edit(filled(tmp_path / "src"), merge_two)
    out = tmp_path / "returns"
    out.mkdir()
    for fmt in ("xls", "ods"):
        rh.resave_with_libreoffice([src], fmt, out)
    rets = read(out)
    assert {f.file: f.state for f in rets.files} == {f"{src.stem}.ods": "ok", f"{src.stem}.xls": "superseded"} or \
        {f.file: f.state for f in rets.files} == {f"{src.stem}.ods": "superseded", f"{src.stem}.xls": "ok"}
    for fmt in ("xls", "ods"):
        got = answers_of(read(out / f"{src.stem}.{fmt}"))
        assert got[mine()[0].id] == got[mine()[1].id] == "合并", fmt
        assert got[mine()[2].id] == text(LEAD, mine()[2]), fmt


def test_cli_merge_and_status(tmp_path: Path, capsys, monkeypatch) -> None:
    from govtasks import cli

    monkeypatch.setattr(cli, "_MAX_ISSUES", 5)  # the rest: in the report's 问题清单
    inbox = tmp_path / "in"
    for unit in BD.units[:22]:
        filled(inbox, unit=unit)
    std = gt.write_breakdown(BD, tmp_path / "std.xlsx")
    out = tmp_path / "汇总.xlsx"
    assert main(["merge", str(std), str(inbox), "--period", "2024Q2", "-o", str(out), "--title", "测试汇总"]) == 1
    captured = capsys.readouterr()
    assert "22 个单位已报送" in captured.out and f"已写入 {out}" in captured.out
    assert "读取报表 [" in captured.err and "22/22" in captured.err  # progress bar for > 20 files
    assert "条问题未显示（全部问题见 汇总.xlsx 的“问题清单”工作表）" in captured.out
    assert openpyxl.load_workbook(out)["重点工作进展情况"]["A1"].value == "测试汇总"
    notice = tmp_path / "催报.txt"
    code = main(["status", str(std), str(inbox), "--period", "2024Q2", "--notice", str(notice), "--office", "市政府督查室",
                 "--deadline", "7月5日"])
    text_out = capsys.readouterr().out
    assert code == 1 and f"应报 {len(BD.units)} 个单位，已报 22 个" in text_out
    body = notice.read_text(encoding="utf-8")
    assert body.startswith("关于催报2024年第二季度重点工作进展情况的通知") and "于7月5日前" in body
    assert body.rstrip().splitlines()[-2] == "市政府督查室"
    addressed = body.splitlines()[2]  # the line of the units addressed
    assert "市十大新兴产业推进组成员单位" not in addressed and "各县市区政府" not in addressed  # groups are no addressees
    groups = next(line for line in body.splitlines() if "以下任务由单位分组承担" in line)
    assert "市十大新兴产业推进组成员单位" in groups and "市发改委" not in groups
    assert main(["merge", str(std), str(inbox), "--period", "2024Q9", "-o", str(out)]) == 2
    assert main(["status", str(std), str(tmp_path / "nowhere"), "--period", "2024Q2"]) == 2
    assert "不存在" in capsys.readouterr().err


def test_cli_all_fine_is_exit_0(tmp_path: Path, capsys) -> None:
    small = BD.replace(tasks=tuple(t for t in BD.tasks if t.lead == (LEAD,) and not t.coop))
    inbox = tmp_path / "in"
    inbox.mkdir()
    rh.fill_form(rh.contract_form(inbox / "a.xlsx", small, LEAD, "2024Q2"),
                 {t.id: {"progress": "好", "status": "已完成"} for t in small.tasks})
    std = gt.write_breakdown(small, tmp_path / "std.xlsx")
    assert main(["merge", str(std), str(inbox), "--period", "2024Q2", "-o", str(tmp_path / "r.xlsx")]) == 0
    assert main(["status", str(std), str(inbox), "--period", "2024Q2"]) == 0


def test_cli_merge_options(tmp_path: Path, capsys) -> None:
    inbox = tmp_path / "in"
    coop_task = mine()[-1]
    lead = coop_task.lead[0]
    filled(inbox)
    filled(inbox, unit=lead)
    std = gt.write_breakdown(BD, tmp_path / "std.xlsx")
    out = tmp_path / "r.xlsx"
    main(["merge", str(std), str(inbox), "--period", "2024Q2", "-o", str(out), "--with-status", "--append-coop"])
    ws = openpyxl.load_workbook(out)["重点工作进展情况"]
    assert [c.value for c in ws[3]][:6] == ["序号", "目标与任务", "牵头责任单位", "责任单位", "进展情况", "完成状态"]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[6] == coop_task.id)
    others = [u for u in coop_task.lead if u != lead]
    assert row[4] == "\n".join([f"【{lead}】{text(lead, coop_task)}", *(f"【{u}】未报送" for u in others),
                                f"【{LEAD}（配合）】{text(LEAD, coop_task)}"])
    assert row[5] == "\n".join([f"【{lead}】序时推进", *(f"【{u}】未报送" for u in others)])  # each lead unit's status


def test_notice_lists_missing_and_incomplete_units(tmp_path: Path) -> None:
    from govtasks.returns.notice import chase_notice

    def clear(ws, labels, header_row):
        row = rh.task_rows(ws, labels, header_row)[mine()[0].id]
        ws.cell(row, labels["进展情况"]).value = ws.cell(row, labels["完成状态"]).value = None
    rh.edit(filled(tmp_path), clear)
    rets = read(tmp_path)
    text_out = chase_notice(BD, rets, office="市政府督查室", contact="王五 3838000", today=dt.date(2024, 7, 1))
    # 芜湖 names 80 units, 5 of them groups (各县市区政府 …): 75 to chase
    assert "截至2024年7月1日，应报送的 75 个单位中已有 1 个单位报送，以下 74 个单位尚未报送" in text_out
    assert f"　　{LEAD}：第8项“一般公共预算收入增长5.5%左右。”" in text_out and "联系人及电话：王五 3838000" in text_out
    assert "T008" not in text_out  # units see 序号 and text, never the hidden 任务编号
    bad = tmp_path / "bad.j2"
    bad.write_text("{{ nosuchvariable }}", encoding="utf-8")
    with pytest.raises(gt.TemplateError, match="bad.j2"):
        chase_notice(BD, rets, template=bad)


def test_libreoffice_batch_keeps_files_with_one_stem_apart(tmp_path: Path, libreoffice) -> None:
    from govtasks.io.libreoffice import convert_with_libreoffice
    from govtasks.io.workbook import read_workbook

    a = write_xlsx(tmp_path / "表.xlsx", {"S": [["甲"]]})
    b = tmp_path / "表.html"
    b.write_text("<html><body><table><tr><td>乙</td></tr></table></body></html>", encoding="utf-8")
    (tmp_path / "坏.et").write_bytes(b"\x00not a spreadsheet" * 10)
    got = convert_with_libreoffice([a, b, tmp_path / "坏.et"], tmp_path / "work")
    assert read_workbook(got[a]).sheets[0].rows == [["甲"]]
    assert read_workbook(got[b]).sheets[0].rows == [["乙"]]
    rets = read(tmp_path / "坏.et")
    assert rets.files[0].state == "unreadable" and "LibreOffice 也无法打开" in rets.issues.by_code("unreadable-file")[0].message


def test_collect_files_walks_subfolders_and_skips_lock_and_hidden_files(tmp_path: Path) -> None:
    from govtasks.returns.read import collect_files

    for rel in ["a.xlsx", "区发改委/二季度.xlsx", "区发改委/~$二季度.xlsx", "区发改委/旧/一季度.xls", ".git/x.xlsx",
                "~$锁.xlsx", ".~lock.b.xlsx#", "收文/说明.docx"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    (tmp_path / "链接").symlink_to(tmp_path / "区发改委", target_is_directory=True)
    found = collect_files(tmp_path)
    assert [name for _, name in found] == ["a.xlsx", "区发改委/二季度.xlsx", "区发改委/旧/一季度.xls", "收文/说明.docx"]
    assert all(path == tmp_path / name for path, name in found)
    # the same as Path.rglob gives, less the skipped parts
    by_rglob = sorted(f.relative_to(tmp_path).as_posix() for f in tmp_path.rglob("*") if f.is_file()
                      and not any(p.startswith(("~$", ".~", ".")) for p in f.relative_to(tmp_path).parts))
    assert [name for _, name in found] == by_rglob


def test_the_progress_bar_is_drawn_a_few_times_a_second_and_at_the_end(monkeypatch) -> None:
    import io

    from govtasks import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr(cli.sys, "stderr", term)
    show = cli._progress_bar(1500)
    assert show is not None and cli._progress_bar(20) is None
    for done in range(1, 1501):
        show(done, 1500, f"{done}.xlsx")
    draws = term.getvalue().split("\r")[1:]
    assert 1 <= len(draws) <= 5  # not once per file
    assert draws[0].startswith("读取报表 [") and draws[-1] == f"读取报表 [{'#' * 30}] 1500/1500\n"


def _odd_member(path: Path, member: bytes, method: int = 99) -> Path:
    """Mark a zip member as compressed by a method zipfile does not know (calamine never reads it)."""
    import struct

    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len] == member:
            struct.pack_into("<H", data, at + 10, method)
            struct.pack_into("<H", data, struct.unpack_from("<I", data, at + 42)[0] + 8, method)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def test_an_odd_document_properties_part_does_not_stop_the_reading(tmp_path: Path) -> None:
    filled(tmp_path)
    odd = _odd_member(filled(tmp_path, unit=OTHER), b"docProps/core.xml")
    with pytest.raises(NotImplementedError):  # what zipfile makes of it
        zipfile.ZipFile(odd).read("docProps/core.xml")
    rets = read(tmp_path)
    assert {f.unit: f.state for f in rets.files} == {LEAD: "ok", OTHER: "ok"}
    assert {e.unit for e in rets.entries if e.progress} == {LEAD, OTHER}


def test_a_due_date_marks_each_unit_on_time_or_late(tmp_path: Path) -> None:
    on_day = filled(tmp_path / "in", modified=dt.datetime(2024, 6, 25, 18, 30))  # any time on the due day counts
    late = filled(tmp_path / "in", unit=OTHER, modified=dt.datetime(2024, 6, 26, 8, 0))
    rets = read(on_day, late, due="6月25日")
    assert rets.due == dt.date(2024, 6, 25)
    report = gt.merge(BD, rets)
    by_unit = {u.unit: u.on_time for u in report.units}
    assert (by_unit[LEAD], by_unit[OTHER], by_unit["市发改委"]) == (True, False, None)  # 市发改委 sent nothing
    wb = openpyxl.load_workbook(gt.write_report(report, tmp_path / "汇总.xlsx"))
    rows = {r[1]: r for r in wb["填报情况"].iter_rows(min_row=4, values_only=True)}
    assert (rows[LEAD][5], rows[OTHER][5], rows["市发改委"][5]) == ("按时", "逾期", None)
    earlier = {u.unit: u.on_time for u in gt.merge(BD, read(on_day, due="2024-06-24")).units}
    assert earlier[LEAD] is False
    with pytest.raises(ValueError, match="无法识别的报送截止日期"):
        read(on_day, due="下周")


def test_status_with_due_prints_on_time_and_late(tmp_path: Path, capsys) -> None:
    filled(tmp_path / "in", modified=dt.datetime(2024, 6, 25, 18, 30))
    filled(tmp_path / "in", unit=OTHER, modified=dt.datetime(2024, 6, 26, 8, 0))
    bd = tmp_path / "分解.xlsx"
    gt.write_breakdown(BD, bd)
    main(["status", str(bd), str(tmp_path / "in"), "--period", "2024Q2", "--due", "6月25日"])
    out = capsys.readouterr().out
    assert f"{LEAD}  已填 12/12  2024-06-25 18:30  按时" in out and f"{OTHER}  已填" in out and "逾期" in out
    assert main(["status", str(bd), str(tmp_path / "in"), "--period", "2024Q2", "--due", "下周"]) == 2
    assert "无法识别的报送截止日期“下周”" in capsys.readouterr().err


def test_a_period_of_another_year_is_warned(tmp_path: Path, capsys) -> None:
    path = filled(tmp_path / "in", period="2023Q2")
    rets = read(path, period="2023Q2")  # 芜湖's breakdown is of 2024
    (issue,) = rets.issues.by_code("period-year")
    assert issue.severity is gt.Severity.WARNING and "报告期“2023年第二季度”不在任务分解的年度（2024年）内" in issue.message
    assert not read(filled(tmp_path / "ok")).issues.by_code("period-year")
    assert main(["forms", str(EXAMPLE_001), "--period", "2023Q2", "-o", str(tmp_path / "f"), "--unit", LEAD]) == 0
    assert "警告：报告期“2023年第二季度”不在任务分解的年度（2024年）内" in capsys.readouterr().out
