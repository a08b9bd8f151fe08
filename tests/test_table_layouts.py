"""Table layouts beyond the seeds: header synonyms, two-row headers, csv, lead conventions, extras."""

from __future__ import annotations

from pathlib import Path

import pytest

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


# --- column roles: decisions, overrides ----------------------------------------------------------
_COMPETING = [
    ["序号", "重点工作", "具体任务", "牵头单位"],
    ["1", "一、稳增长", "推进重大项目建设，全年完成投资50亿元。", "区发改委"],
    ["2", "一、稳增长", "落实减税降费政策，惠及市场主体1万户。", "区财政局"],
    ["3", "二、优服务", "深化一网通办改革，网办率达到95%。", "区数据局"],
]


def test_decisions_are_shown_and_columns_override_them(tmp_path: Path, capsys) -> None:
    from govtasks.cli import main

    src = write_xlsx(tmp_path / "c.xlsx", {"S": _COMPETING})
    bd = gt.import_breakdown(src)
    assert [t.path for t in bd.tasks] == [("一、稳增长",), ("一、稳增长",), ("二、优服务",)]
    assert any(d.startswith("列C“具体任务”") and "任务内容" in d for d in bd.layout.decisions)
    forced = gt.import_breakdown(src, columns="任务内容=B,一级标题=C")
    assert [t.text for t in forced.tasks] == ["一、稳增长", "一、稳增长", "二、优服务"]
    assert gt.import_breakdown(src, columns={"任务内容": "B"}).tasks[0].text == "一、稳增长"
    assert main(["import", str(src), "-o", str(tmp_path / "o.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "判断：列C“具体任务”" in out
    assert main(["import", str(src), "-o", str(tmp_path / "o2.xlsx"), "--columns", "任务内容=B"]) == 0
    out = capsys.readouterr().out
    assert "判断：列B“重点工作”按指定判为任务内容（--columns）" in out and "列C“具体任务”按内容判为任务内容" not in out


def test_a_bad_columns_option_is_a_clear_error(tmp_path: Path, capsys) -> None:
    from govtasks.cli import main

    src = write_xlsx(tmp_path / "c.xlsx", {"S": _COMPETING})
    assert main(["import", str(src), "--columns", "内容=B"]) == 2
    err = capsys.readouterr().err
    assert "“内容”不是可指定的列" in err and "任务内容" in err and "Traceback" not in err
    assert main(["import", str(src), "--columns", "任务内容=第二列"]) == 2
    assert "应写成字母（如 C）或序号（如 3）" in capsys.readouterr().err


def test_columns_for_a_text_notice_are_reported_unused(tmp_path: Path) -> None:
    src = tmp_path / "n.txt"
    src.write_text("1.推进重大项目建设。（牵头单位：区发改委）\n", encoding="utf-8")
    bd = gt.import_breakdown(src, columns="任务内容=B")
    assert [i.code for i in bd.issues][:1] == [codes.COLUMNS_UNUSED]


# --- numbers, lead headings ----------------------------------------------------------------------
def test_circled_and_full_width_numbers_and_numbers_inside_the_text(tmp_path: Path) -> None:
    rows = [
        ["序号", "工作任务", "牵头单位"],
        ["①", "推进重大项目建设。", "区发改委"],
        ["１２", "落实减税降费政策。", "区财政局"],
    ]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "n.xlsx", {"S": rows}))
    assert [(t.id, t.number) for t in bd.tasks] == [("T001", "①"), ("T002", "１２")]
    grouped = [
        ["序号", "项目", "重点工作目标任务", "牵头单位"],
        ["1", "主要预期目标", "1.地区生产总值增长5%以上。", "区发改委"],
        ["", "", "2.一般公共预算收入增长6%以上。", "区财政局"],
        ["2", "产业发展", "3.规上工业总产值增长5%左右。", "区工信局"],
    ]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "g.xlsx", {"S": grouped}, {"S": [(1, 0, 2, 0), (1, 1, 2, 1)]}))
    assert [(t.number, t.path, t.text) for t in bd.tasks] == [
        ("1", ("主要预期目标",), "地区生产总值增长5%以上。"), ("2", ("主要预期目标",), "一般公共预算收入增长6%以上。"),
        ("3", ("产业发展",), "规上工业总产值增长5%左右。")]


def test_a_heading_row_that_names_who_leads_is_no_level(tmp_path: Path) -> None:
    rows = [
        ["序号", "重点工作任务", "责任单位"],
        ["一、省政府工作报告涉及任务", "", ""],
        ["（一）王宏副市长牵头重点工作", "", ""],
        ["1", "加强粮食安全保障。", "市农业农村局\n省牵头单位：省农业农村厅"],
        ["（二）胡伟副市长牵头重点工作", "", ""],
        ["2*", "深入实施消费新政。", "市商务局、市发改委"],
    ]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "l.xlsx", {"S": rows}, {"S": [(1, 0, 1, 2), (2, 0, 2, 2), (4, 0, 4, 2)]}))
    assert [(t.number, t.path, t.leaders, t.lead, t.coop, t.note) for t in bd.tasks] == [
        ("1", ("一、省政府工作报告涉及任务",), ("王宏",), ("省农业农村厅",), ("市农业农村局",), ""),
        ("2", ("一、省政府工作报告涉及任务",), ("胡伟",), ("市商务局", "市发改委"), (), "序号原为“2*”")]


# --- a table pasted from a page, row by row (招远市 2022 民生事项 1-9月份, tests/corpus/heldout/h04) ---
_ZHAOYUAN = """类别 | 民生事项名称 | 2022年度任务目标 | 责任单位 | 分管市领导 | 1-9月份工作完成情况 | 1-9月份工作取得成效 | 监督电话 |
四、教育文化 | 14.改扩建泉山学校及庙后吕家初级中学 | 完成泉山学校一期2座教学楼建设,庙后吕家初级中学主体建设并投入使用。 | 教育体育局 | 刘福利 | 泉山学校:完成主体建筑结构施工、平板浇筑。 | 两处学校改扩建项目目前正在加速推进施工进度。 | 监督电话0535-8246306 |
15.推进学校塑胶运动场地建设 | 完成罗峰学校及13处农村学校塑胶运动场地建成并投入使用。 | 教育体育局 | 刘福利 | 罗峰学校:9月份开始施工,完成基础施工30%。 | 罗峰学校正在全力推进基础施工。 | 监督电话0535-8246306 | |
16.推进义务教育课后服务 | 对全市34所义务教育学校实行课后服务全覆盖。 | 教育体育局 | 刘福利 | 2022年9月23日对全市义务教育学校课后服务课程超市开设情况进行调度。 | 1-9月份全市有课后服务需求的学生32402人。 | 监督电话0535-8246336 |
"""


def test_a_pasted_table_whose_rows_leave_out_the_merged_cell(tmp_path: Path) -> None:
    src = tmp_path / "招远.txt"
    src.write_text(_ZHAOYUAN, encoding="utf-8")
    bd = gt.import_breakdown(src)
    assert [(t.number, t.path, t.text, t.lead, t.leaders) for t in bd.tasks] == [
        ("14", ("四、教育文化",), "改扩建泉山学校及庙后吕家初级中学", ("教育体育局",), ("刘福利",)),
        ("15", ("四、教育文化",), "推进学校塑胶运动场地建设", ("教育体育局",), ("刘福利",)),
        ("16", ("四、教育文化",), "推进义务教育课后服务", ("教育体育局",), ("刘福利",)),
    ]
    assert [t.progress for t in bd.tasks] == [
        "泉山学校:完成主体建筑结构施工、平板浇筑。", "罗峰学校:9月份开始施工,完成基础施工30%。",
        "2022年9月23日对全市义务教育学校课后服务课程超市开设情况进行调度。"]
    # the other columns are kept with each task, the unknown last label (监督电话) among them
    assert dict(bd.tasks[1].extra) == {
        "2022年度任务目标": "完成罗峰学校及13处农村学校塑胶运动场地建成并投入使用。",
        "1-9月份工作取得成效": "罗峰学校正在全力推进基础施工。", "监督电话": "监督电话0535-8246306"}
    assert any("列B“民生事项名称”按内容判为任务内容（每行一项" in d for d in bd.layout.decisions)


def test_a_column_that_names_each_row_is_the_task_and_a_repeated_one_a_section(tmp_path: Path) -> None:
    named = [
        ["民生事项", "年度目标", "责任单位"],
        ["新建城市书房", "年内新建城市书房10处，每处面积不少于100平方米。", "区文旅局"],
        ["改造老旧小区", "完成老旧小区改造21个，惠及居民3000户以上。", "区住建局"],
        ["增设公共充电桩", "新增公共充电桩500个，覆盖全部街道。", "区发改委"],
    ]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "n.xlsx", {"S": named}))
    assert [(t.path, t.text) for t in bd.tasks] == [
        ((), "新建城市书房"), ((), "改造老旧小区"), ((), "增设公共充电桩")]
    assert dict(bd.tasks[0].extra) == {"年度目标": "年内新建城市书房10处，每处面积不少于100平方米。"}
    repeated = [named[0]] + [["民生实事", r[1], r[2]] for r in named[1:]]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "r.xlsx", {"S": repeated}))
    assert [(t.path, t.text[:6]) for t in bd.tasks] == [
        (("民生实事",), "年内新建城市"), (("民生实事",), "完成老旧小区"), (("民生实事",), "新增公共充电")]


# --- a table pasted one cell to a paragraph, headed 民生实事 (大竹县 2016, tests/corpus/heldout/h07) ---
_DAZHU = "\n\n".join([
    "2016年民生实事目标任务分解表", "序号", "民生实事", "责任单位", "完成时限",
    "1", "启动建设东柳河城区段综合治理工程和东湖湿地公园。", "县水务局", "县住建局", "县护城河指挥部", "12月底前",
    "2", "新建2座人行天桥。", "县住建局", "9月投入使用",
    "3", "启动县图书馆新馆建设。", "县文体广新局", "县代建中心", "12月底前",
    "4", "建成县残疾人综合服务中心。", "县残联", "5月底前动工",
    "5", "开工建设县老年养护楼。", "县民政局", "5月底前动工", "开工建设老年大学。", "12月底前", "分享到:"]) + "\n"


def test_a_pasted_table_headed_by_an_unknown_word_with_two_tasks_under_one_number(tmp_path: Path) -> None:
    src = tmp_path / "大竹.txt"
    src.write_text(_DAZHU, encoding="utf-8")
    bd = gt.import_breakdown(src)
    assert [(t.number, t.text, t.lead, t.deadline.text) for t in bd.tasks] == [
        ("1", "启动建设东柳河城区段综合治理工程和东湖湿地公园。", ("县水务局", "县住建局", "县护城河指挥部"), "12月底前"),
        ("2", "新建2座人行天桥。", ("县住建局",), "9月投入使用"),
        ("3", "启动县图书馆新馆建设。", ("县文体广新局", "县代建中心"), "12月底前"),
        ("4", "建成县残疾人综合服务中心。", ("县残联",), "5月底前动工"),
        ("5", "开工建设县老年养护楼。", ("县民政局",), "5月底前动工"),
        ("5", "开工建设老年大学。", ("县民政局",), "12月底前"),  # 分享到: is the page's, not the table's
    ]
    assert any("列B“民生实事”按内容判为任务内容（表头词不在词表中" in d for d in bd.layout.decisions)


def test_a_workbook_whose_task_column_has_an_unknown_label(tmp_path: Path) -> None:
    rows = [
        ["序号", "民生实事", "责任单位", "完成时限"],
        ["1", "启动建设东柳河城区段综合治理工程和东湖湿地公园。", "县水务局", "12月底前"],
        ["2", "新建2座人行天桥。", "县住建局", "9月投入使用"],
        ["3", "启动县图书馆新馆建设。", "县文体广新局", "12月底前"],
    ]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "m.xlsx", {"S": rows}))
    assert [(t.number, t.text, t.lead) for t in bd.tasks] == [
        ("1", "启动建设东柳河城区段综合治理工程和东湖湿地公园。", ("县水务局",)),
        ("2", "新建2座人行天桥。", ("县住建局",)), ("3", "启动县图书馆新馆建设。", ("县文体广新局",))]
    short = [rows[0], ["1", "绿化", "县林业局", "12月底前"], ["2", "路灯", "县住建局", "9月"]]
    with pytest.raises(gt.LayoutError):  # short words that differ are no evidence of a task column
        gt.import_breakdown(write_xlsx(tmp_path / "s.xlsx", {"S": short}))


def test_a_section_column_outside_the_heading_rows_across_the_table(tmp_path: Path) -> None:
    """重点领域 merged down beside the task and a （一） row across the table above the first task
    of 二: the row cannot lie inside the merged cell, yet it is the inner level (the numbering says so)."""
    rows = [
        ["序号", "重点领域", "主要任务", "主办单位"],
        ["1", "一、主要预期目标", "地区生产总值增长6%以上。", "区发展改革委"],
        ["2", "", "一般公共预算收入增长7%。", "区财政局"],
        ["（一）推动科技创新", "", "", ""],
        ["3", "二、重点工作", "启动创建国家高能级科技型企业孵化器。", "区科技局"],
        ["4", "", "加快推进汽车零部件产业发展。", "区经济信息委"],
        ["（二）扩大有效投资", "", "", ""],
        ["5", "二、重点工作", "实施重点项目攻坚行动。", "区发展改革委"],  # the merge broken by the row: written again
    ]
    merges = [(1, 1, 2, 1), (3, 0, 3, 3), (4, 1, 5, 1), (6, 0, 6, 3)]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "n.xlsx", {"S": rows}, {"S": merges}))
    assert [(t.number, t.path) for t in bd.tasks] == [
        ("1", ("一、主要预期目标",)), ("2", ("一、主要预期目标",)),
        ("3", ("二、重点工作", "（一）推动科技创新")), ("4", ("二、重点工作", "（一）推动科技创新")),
        ("5", ("二、重点工作", "（二）扩大有效投资"))]
    unnumbered = [[("推动科技创新" if v == "（一）推动科技创新" else v) for v in row] for row in rows[:5]]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "u.xlsx", {"S": unnumbered}, {"S": merges[:3]}))
    assert bd.tasks[2].path == ("推动科技创新", "二、重点工作")  # without numbers the row above stays outer


# --- a table pasted one row to a line with spaces between cells (铜梁区 2025, tests/corpus/heldout/h10) ---
_TONGLIANG = """2025年区政府工作报告目标任务上半年推进情况汇总表
序号 目标任务 责任单位 上半年推进情况
一、经济社会发展主要预期目标
1 地区生产总值增长6%以上。 区发展改革委 地区生产总值同比增长2.9%。
2 第一产业增加值增长5%。 区农业农村委
区林业局
区供销联社
第一产业增加值同比增长3.4%。
二、重点工作
(一)以创建国家高新区为抓手,更大力度推动科技创新
10 实施高能级创新平台建设行动,启动创建国家高能级科技型企业孵化器。 区科技局 全面启动国家高新区创建工作。
分享到:
"""


def test_a_pasted_table_with_spaces_between_cells(tmp_path: Path) -> None:
    src = tmp_path / "铜梁.txt"
    src.write_text(_TONGLIANG, encoding="utf-8")
    bd = gt.import_breakdown(src)
    assert [(t.number, t.path, t.text, t.lead, t.progress) for t in bd.tasks] == [
        ("1", ("一、经济社会发展主要预期目标",), "地区生产总值增长6%以上。", ("区发展改革委",), "地区生产总值同比增长2.9%。"),
        ("2", ("一、经济社会发展主要预期目标",), "第一产业增加值增长5%。", ("区农业农村委", "区林业局", "区供销联社"),
         "第一产业增加值同比增长3.4%。"),
        ("10", ("二、重点工作", "(一)以创建国家高新区为抓手,更大力度推动科技创新"),
         "实施高能级创新平台建设行动,启动创建国家高能级科技型企业孵化器。", ("区科技局",), "全面启动国家高新区创建工作。"),
    ]


def test_an_empty_number_cell_adds_no_note(tmp_path: Path) -> None:
    # A 序号 cell left empty is no "1*" mark: the task's note stays empty (it read "序号原为“”").
    rows = [
        ["序号", "工作任务", "牵头单位", "配合单位", "备注"],
        ["1*", "任务甲", "区发改委", "区财政局", ""],
        ["", "任务乙", "区商务局", "", ""],
    ]
    bd = gt.import_breakdown(write_xlsx(tmp_path / "t.xlsx", {"表1": rows}))
    assert [(t.number, t.text, t.note) for t in bd.tasks] == [("1", "任务甲", "序号原为“1*”"), ("", "任务乙", "")]


def test_an_unnumbered_heading_row_above_a_numbered_one_is_the_outer_level(tmp_path: Path) -> None:
    # The layout of 广州 2021 (tests/corpus/heldout4/h33): "强化科技创新支撑能力。" merged across the
    # table, then "（一）加强战略科技力量建设。", then the tasks. Before, the unnumbered row ranked below
    # every numbered one, and the path came out upside down.
    rows = [
        ["序号", "重点工作", "分管领导", "牵头单位", "配合单位"],
        ["强化科技创新支撑能力。", "", "", "", ""],
        ["（一）加强战略科技力量建设。", "", "", "", ""],
        ["1", "加快建设科技创新轴。", "王东", "市科技局", "黄埔区政府"],
        ["（二）推进关键核心技术攻关。", "", "", "", ""],
        ["2", "实施重点领域研发计划。", "王东", "市科技局", ""],
    ]
    merges = {"表1": [(1, 0, 1, 4), (2, 0, 2, 4), (4, 0, 4, 4)]}
    bd = gt.import_breakdown(write_xlsx(tmp_path / "t.xlsx", {"表1": rows}, merges))
    assert [t.path for t in bd.tasks] == [("强化科技创新支撑能力。", "（一）加强战略科技力量建设。"),
                                          ("强化科技创新支撑能力。", "（二）推进关键核心技术攻关。")]
