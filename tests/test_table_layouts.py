"""Table layouts beyond the seeds: header synonyms, two-row headers, csv, lead conventions, extras."""

from __future__ import annotations

from pathlib import Path

from helpers import write_xlsx

import govtasks as gt
from govtasks import issues as codes


def test_title_rows_synonyms_and_extra_columns(tmp_path: Path) -> None:
    rows = [
        ["某区2024年重点工作任务分解表"],
        ["（共3项）"],
        ["编号", "工作任务", "时间节点", "主办单位", "协办单位", "分管领导", "具体责任人", "督办类别", "备注"],
        ["1", "任务甲", "6月底前", "区发改委", "区财政局、商务局", "刘 哲", "王某", "重点", "无"],
        ["2", "任务乙", "持续推进", "区发展改革委", "", "", "", "", ""],
        ["3", "任务丙", "看情况", "区发展和改革委员会", "各镇政府", "", "", "一般", ""],
    ]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "t.xlsx", {"表1": rows}, {"表1": [(0, 0, 0, 8)]}))
    assert bd.title == "某区2024年重点工作任务分解表" and bd.year == 2024 and bd.issuer == "某区"
    t1, t2, t3 = bd.tasks
    assert (t1.id, t1.number, t1.text, t1.deadline.due.isoformat()) == ("T001", "1", "任务甲", "2024-06-30")
    assert t1.coop == ("区财政局", "区商务局") and t1.leaders == ("刘 哲",) and t1.persons == ("王某",)
    assert t1.extra == (("督办类别", "重点"),) and t1.note == "无"
    assert t1.lead == t2.lead == t3.lead == ("区发改委",)         # three spellings, one unit
    assert bd.issues.by_code(codes.UNIT_ALIAS)[0].unit == "区发改委"
    assert [i.task_id for i in bd.issues.by_code(codes.DEADLINE_UNPARSED)] == ["T003"]
    assert str(bd.issues.by_code(codes.DEADLINE_UNPARSED)[0].where) == "t.xlsx!表1!C6"  # the 时间节点 cell
    assert str(bd.issues.by_code(codes.UNIT_GROUP)[0].where) == "t.xlsx!表1!E6"  # 各镇政府, in the 协办单位 cell
    assert str(bd.issues.by_code(codes.UNIT_ALIAS)[0].where) == "t.xlsx!表1!D4"  # where 区发改委 is first named


def test_two_row_header_with_section_columns(tmp_path: Path) -> None:
    rows = [
        ["序号", "重点工作", "", "具体任务分解", "完成时限", "牵头单位", "责任单位"],
        ["", "工作", "内容", "主要任务", "", "", ""],
        ["1", "一、稳增长", "1.抓投资", "任务一", "年底", "区发改委", "区财政局"],
        ["2", "", "", "任务二", "年底", "区财政局", ""],
        ["3", "", "2.促消费", "任务三", "年底", "区商务局", ""],
    ]
    merges = [(0, 0, 1, 0), (0, 1, 0, 2), (2, 1, 4, 1), (2, 2, 3, 2)]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "t.xlsx", {"S": rows}, {"S": merges}))
    assert [t.path for t in bd.tasks] == [("一、稳增长", "1.抓投资"), ("一、稳增长", "1.抓投资"), ("一、稳增长", "2.促消费")]
    assert [t.text for t in bd.tasks] == ["任务一", "任务二", "任务三"]


def test_section_rows_topic_rows_and_task_without_units(tmp_path: Path) -> None:
    rows = [
        ["序号", "目标与任务", "牵头责任单位", "责任单位"],
        ["一、总体目标", "", "", ""],
        ["1", "目标一", "市发改委", ""],
        ["二、重点工作", "", "", ""],
        ["（一）稳增长", "", "", ""],
        ["1", "提质效。", "", ""],
        ["2", "任务二", "市财政局", "各县市区政府"],
        ["3", "任务三", "", ""],
        ["注：本表由市政府督查室整理", "", "", ""],
        ["序号", "目标与任务", "牵头责任单位", "责任单位"],
        ["4", "任务四", "", "市商务局"],
    ]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "t.xlsx", {"S": rows}))
    assert [t.number for t in bd.tasks] == ["1", "2", "3", "4"]
    assert bd.tasks[0].path == ("一、总体目标",)
    assert bd.tasks[1].path == ("二、重点工作", "（一）稳增长", "1 提质效。")
    assert bd.tasks[2].lead == bd.tasks[2].coop == ()              # kept, and reported
    assert [i.task_id for i in bd.issues.by_code(codes.NO_UNITS)] == ["T003"]
    assert [i.task_id for i in bd.issues.by_code(codes.NO_LEAD)] == ["T004"]
    skipped = bd.issues.by_code(codes.ROW_SKIPPED)
    assert len(skipped) == 1 and "本表由市政府督查室整理" in skipped[0].message and skipped[0].where.row == 9


def test_only_responsible_units_are_leads_and_first_rule(tmp_path: Path) -> None:
    rows = [["序号", "工作任务", "责任单位"], ["1", "任务一", "区财政局、区商务局"], ["2", "任务二", "区商务局*、区财政局"]]
    path = write_xlsx(tmp_path / "t.xlsx", {"S": rows})
    auto = gt.import_breakdown(path)
    assert auto.tasks[0].lead == ("区财政局", "区商务局") and auto.tasks[0].coop == ()
    assert auto.tasks[1].lead == ("区商务局",) and auto.tasks[1].coop == ("区财政局",)
    first = gt.import_breakdown(path, lead="first")
    assert first.tasks[0].lead == ("区财政局",) and first.tasks[0].coop == ("区商务局",)


def test_csv_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "任务.csv"
    path.write_bytes("序号,任务内容,牵头单位,责任单位\n1,任务一,区财政局,\"区商务局、区统计局\"\n".encode("gb18030"))
    bd = gt.import_breakdown(path)
    assert bd.tasks[0].coop == ("区商务局", "区统计局")
    assert str(bd.tasks[0].source) == "任务.csv!任务!B2"


def test_several_sheets_and_a_sheet_without_table(tmp_path: Path) -> None:
    sheets = {"说明": [["填表说明：按季度报送"]], "上半年": [["序号", "任务内容", "牵头单位"], ["1", "甲", "区财政局"]],
              "下半年": [["序号", "任务内容", "牵头单位"], ["2", "乙", "区商务局"]]}
    bd = gt.import_breakdown(write_xlsx(tmp_path / "t.xlsx", sheets))
    assert [t.text for t in bd.tasks] == ["甲", "乙"]
    assert [str(i.where) for i in bd.issues.by_code(codes.SHEET_SKIPPED)] == ["t.xlsx!说明"]
