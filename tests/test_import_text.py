"""The text importer: seed 003 (广丰区 2021, a notice as plain text), small texts, bad input, seed 002 as a plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA, SEEDS, rebuild_module

from govtasks import issues as codes
from govtasks.breakdown.fold import fold
from govtasks.breakdown.standard import read_breakdown, write_breakdown
from govtasks.breakdown.text import breakdown_from_text, import_text
from govtasks.errors import LayoutError, WorkbookError
from govtasks.issues import Severity

NOTICE = DATA / "广丰区2021年区政府工作报告重点工作责任分工.txt"
SEED_003 = SEEDS / "003_60d2928a38aacd54.txt"
SEED_002 = SEEDS / "002_ce1cc4cd42ce1422.txt"
SOURCES = {"rebuilt": NOTICE, "seed": SEED_003}

SENTENCE_1 = "聚焦首位产业和主导产业深入实施产业链链长制和“开拓市场万里行”活动，促进产业高端补链、终端延链、整体强链。"
SENTENCE_2 = "持续主攻电子信息首位产业，力争首位产业企业达到100家。"
SENTENCE_3 = "全力打造人力资源服务产业园，完善职业技术教育体系。"


def _text(path: Path) -> str:
    if not path.exists():
        pytest.skip(f"not available: {path}")
    return path.read_text(encoding="utf-8")


def _line_of(text: str, prefix: str) -> int:
    """1-based number of the first line starting with ``prefix``."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(prefix))


@pytest.fixture(scope="module", params=list(SOURCES), ids=list(SOURCES))
def seed003(request: pytest.FixtureRequest):
    path = SOURCES[request.param]
    return path, _text(path), import_text(path)


# --- seed 003 -----------------------------------------------------------------------------------
def test_rebuilt_notice_is_what_the_rebuild_makes(tmp_path: Path) -> None:
    _text(SEED_003)
    out = rebuild_module("seed003").build(SEEDS, tmp_path)
    assert out.name == NOTICE.name
    assert out.read_bytes() == NOTICE.read_bytes()
    text = out.read_text(encoding="utf-8")
    assert "分享到" not in text and "【字体" not in text and "扫一扫" not in text
    assert "6月15日、12月15日前" in text and "6月25日、12月25日前" in text and "2021年3月25日" in text
    assert "不断做强发展支柱(13项)" in text


def test_seed003_has_101_tasks_numbered_1_to_101(seed003) -> None:
    path, _, bd = seed003
    assert len(bd.tasks) == 101
    assert [t.number for t in bd.tasks] == [str(n) for n in range(1, 102)]
    assert [t.id for t in bd.tasks] == [f"T{n:03d}" for n in range(1, 102)]
    assert bd.title == "2021年区政府工作报告所列重点工作责任分工"
    assert (bd.year, bd.issuer, bd.doc_number) == (2021, "上饶市广丰区人民政府办公室", "")
    assert not any("以目标倒逼落实" in t.text or "区政府督查室" in t.text for t in bd.tasks)


def test_seed003_imports_the_same_from_raw_seed_and_rebuilt_notice() -> None:
    _text(SEED_003)
    rebuilt, raw = import_text(NOTICE), import_text(SEED_003)
    assert (rebuilt.source, raw.source) == (NOTICE.name, SEED_003.name)
    assert rebuilt.replace(source="") == raw.replace(source="")


def test_task_sources_are_file_and_line(seed003) -> None:
    path, text, bd = seed003
    first = bd.tasks[0]
    assert (first.source.file, first.source.sheet, first.source.row) == (path.name, "", _line_of(text, "1."))
    assert str(first.source) == f"{path.name}!第{_line_of(text, '1.')}行"
    assert bd.tasks[100].source.row == _line_of(text, "101.")


def test_task_4_gets_the_annotation_on_its_own_line(seed003) -> None:
    _, text, bd = seed003
    lines = [line for line in text.split("\n") if line.strip()]
    own = lines[next(i for i, line in enumerate(lines) if line.startswith("4.")) + 1]
    assert own == "(主办单位:黑滑石综合开发指挥部、区工信局;协办单位:相关乡镇(街道))"
    task = bd.tasks[3]
    assert task.text.startswith("举全区之力") and task.text.endswith("打造“中国特色资源产业集聚区”。")
    assert task.lead == ("黑滑石综合开发指挥部", "区工信局")
    assert task.coop == ("相关乡镇（街道）",)
    assert bd.tasks[4].lead == ("区工信局",)  # task 5 keeps its own annotation; 工信局 is 区工信局 in a 区 document


def test_task_95_is_kept_without_units_and_reported(seed003) -> None:
    path, text, bd = seed003
    task = bd.task("T095")
    assert task.text == "扎实开展市域社会治理现代化试点工作,大力推进社会治理体系和治理能力现代化。"  # as written
    assert (task.lead, task.coop) == ((), ())
    assert bd.task("T096").text.startswith("推广新时代“枫桥经验”")
    assert [(i.code, i.task_id, str(i.where)) for i in bd.issues.by_code(codes.NO_UNITS)] == [
        (codes.NO_UNITS, "T095", f"{path.name}!第{_line_of(text, '95.')}行")]


def test_units_inherit_the_prefix_and_keep_bracketed_groups(seed003) -> None:
    _, _, bd = seed003
    assert bd.task("T015").lead == ("区人社局", "区教体局")
    assert bd.task("T001").coop == ("上饶高新区", "各乡镇（街道）")
    assert bd.task("T002").coop == ("区工信局", "区商务局", "区科技局", "各乡镇（街道）")
    assert bd.task("T034").lead == ("区政府办（政务服务办）",)
    assert not {"各乡镇", "街道", "(街道)", "（街道）"} & set(bd.units)
    assert bd.task("T083").lead == ("区水利局", "区林业局")  # "(主办单位:区水利局、林业局;各乡镇(街道))"
    assert bd.task("T083").coop == ("各乡镇（街道）",)


def test_section_paths_without_counts(seed003) -> None:
    _, _, bd = seed003
    assert bd.task("T001").path == ("一、持之以恒主攻工业,不断做强发展支柱", "(一)持续壮大产业集群")  # as written
    assert bd.task("T013").path == ("一、持之以恒主攻工业,不断做强发展支柱", "(三)不断提升园区效益")
    assert bd.task("T014").path == ("二、充分挖掘内需潜力,着力稳定经济增长", "(一)促进居民就业")
    assert bd.task("T101").path == ("七、全力改善民生福祉,不断提升幸福指数", "(三)维护社会安全稳定")
    assert not any("项" in part for t in bd.tasks for part in t.path)
    assert len({t.path[0] for t in bd.tasks}) == 7


def test_all_seed_section_counts_agree(seed003) -> None:
    _, _, bd = seed003
    assert not bd.issues.by_code(codes.SECTION_COUNT)
    assert sorted(set(bd.issues.codes())) == [codes.NO_UNITS, codes.UNIT_ALIAS, codes.UNIT_GROUP]
    assert bd.issues.by_code(codes.UNIT_ALIAS)[0].unit == "区工信局"


def test_a_wrong_count_is_one_section_count_issue() -> None:
    text = _text(NOTICE).replace("着力稳定经济增长(22项)", "着力稳定经济增长(21项)")
    bd = breakdown_from_text(text, "改.txt")
    found = bd.issues.by_code(codes.SECTION_COUNT)
    assert len(found) == 1
    issue = found[0]
    assert issue.severity is Severity.WARNING
    assert issue.where is not None and issue.where.row == _line_of(text, "二、充分挖掘内需潜力")
    assert "二、充分挖掘内需潜力,着力稳定经济增长" in issue.message
    assert "21" in issue.message and "22" in issue.message and f"第 {issue.where.row} 行" in issue.message


def test_a_missing_task_is_one_section_count_issue() -> None:
    text = re.sub(r"(?m)^5\.围绕重点产业.*\n", "", _text(NOTICE))
    bd = breakdown_from_text(text, "少.txt")
    assert len(bd.tasks) == 100
    assert ["13" in i.message and "12" in i.message for i in bd.issues.by_code(codes.SECTION_COUNT)] == [True]


def _full_width(text: str) -> str:
    text = text.translate(str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"}))
    return re.sub(r"(?m)^(\d+)\.", r"\1．", text)


def test_full_and_half_width_texts_give_equal_breakdowns() -> None:
    half = _text(NOTICE)
    full = _full_width(half)
    assert full != half
    def read(text: str) -> list[tuple]:
        return [(t.number, fold(t.text), tuple(fold(p) for p in t.path), t.lead, t.coop, t.deadline.text)
                for t in breakdown_from_text(text, "a.txt").tasks]

    assert read(full) == read(half)  # the same tasks; each text as it is written in its own notice
    assert breakdown_from_text(half, "a.txt").tasks[0].text.count(",") > 0
    numbered = re.sub(r"(?m)^(\d+)\.", r"\1、", half)  # 1、 instead of 1.
    assert breakdown_from_text(numbered, "a.txt") == breakdown_from_text(half, "a.txt")


# --- small texts built from seed sentences ---------------------------------------------------------
def test_line_annotations_attach_to_the_task_above() -> None:
    text = (f"一、持之以恒主攻工业，不断做强发展支柱（2项）\n1.{SENTENCE_1}\n牵头领导：张 三\n牵头单位：区工信局\n"
            f"责任单位：上饶高新区、各乡镇（街道）\n完成时限：2021年12月底前\n\n2.{SENTENCE_2}\n"
            "牵头单位:上饶高新区\n责任单位:区工信局、商务局、科技局\n")
    bd = breakdown_from_text(text, "行.txt")
    one, two = bd.tasks
    assert (one.text, one.lead, one.coop, one.leaders) == (SENTENCE_1, ("区工信局",), ("上饶高新区", "各乡镇（街道）"),
                                                           ("张 三",))
    assert one.deadline.text == "2021年12月底前" and one.deadline.due is not None
    assert (two.lead, two.coop) == (("上饶高新区",), ("区工信局", "区商务局", "区科技局"))
    assert one.path == ("一、持之以恒主攻工业，不断做强发展支柱",) and not bd.issues.by_code(codes.SECTION_COUNT)


def test_verb_forms() -> None:
    text = (f"1、{SENTENCE_1}区发改委牵头，区财政局、区商务局配合。\n"
            f"2、{SENTENCE_2}（区工信局、区科技局按职责分工负责）\n"
            f"3、{SENTENCE_3}（区人社局牵头，区教体局等按职责分工负责）\n")
    one, two, three = breakdown_from_text(text, "动词.txt").tasks
    assert (one.text, one.lead, one.coop) == (SENTENCE_1, ("区发改委",), ("区财政局", "区商务局"))
    # no lead named in this task's annotation: the units it names lead it (a notice decides per task)
    assert (two.text, two.lead, two.coop) == (SENTENCE_2, ("区工信局", "区科技局"), ())
    assert (three.lead, three.coop) == (("区人社局",), ("区教体局",))


def test_a_sentence_ending_in_a_verb_is_not_an_annotation() -> None:
    text = f"1.支持龙头企业牵头。（主办单位：区工信局）\n2.{SENTENCE_2}由龙头企业牵头，中小企业配合。\n"
    one, two = breakdown_from_text(text, "x.txt").tasks
    assert (one.text, one.lead) == ("支持龙头企业牵头。", ("区工信局",))
    assert (two.text, two.lead, two.coop) == (f"{SENTENCE_2}由龙头企业牵头，中小企业配合。", (), ())


@pytest.mark.parametrize("left,right", [("【", "】"), ("[", "]"), ("〔", "〕"), ("（", "）"), ("(", ")")])
def test_annotation_brackets(left: str, right: str) -> None:
    text = f"1.{SENTENCE_1}{left}主办单位：区工信局；协办单位：上饶高新区、各乡镇（街道）{right}\n"
    (task,) = breakdown_from_text(text, "括号.txt").tasks
    assert (task.text, task.lead, task.coop) == (SENTENCE_1, ("区工信局",), ("上饶高新区", "各乡镇（街道）"))


def test_fields_in_any_order_several_groups_and_other_labels() -> None:
    text = (f"（1）{SENTENCE_1}〔责任领导：李四；协同责任单位：区科技局；牵头责任单位：上饶高新区〕[完成时限:2021年底]\n"
            f"（2）{SENTENCE_2}（配合单位：区商务局，牵头单位：区工信局，分管领导：王五）\n")
    one, two = breakdown_from_text(text, "序.txt").tasks
    assert (one.number, one.lead, one.coop, one.leaders, one.deadline.text) == (
        "1", ("上饶高新区",), ("区科技局",), ("李四",), "2021年底")
    assert (two.lead, two.coop, two.leaders) == (("区工信局",), ("区商务局",), ("王五",))


def test_lead_first_and_only_responsible_units() -> None:
    text = (f"1.{SENTENCE_1}（责任单位：区工信局、上饶高新区、各乡镇（街道））\n"
            f"2.{SENTENCE_2}（责任单位：上饶高新区、区工信局）\n")
    auto = breakdown_from_text(text, "责.txt")
    assert auto.tasks[1].lead == ("上饶高新区", "区工信局") and auto.tasks[1].coop == ()
    first = breakdown_from_text(text, "责.txt", lead="first")
    assert [(t.lead, t.coop) for t in first.tasks] == [
        (("区工信局",), ("上饶高新区", "各乡镇（街道）")), (("上饶高新区",), ("区工信局",))]
    assert not first.issues.by_code(codes.NO_LEAD)


def test_traditional_characters_are_read_as_written() -> None:
    text = "一、持之以恆主攻工業\n1.持續主攻電子信息首位產業。（協辦單位：上饒高新區；主辦單位：區工信局）\n"
    (task,) = breakdown_from_text(text, "繁.txt").tasks
    assert (task.text, task.lead, task.coop, task.path) == (
        "持續主攻電子信息首位產業。", ("區工信局",), ("上饒高新區",), ("一、持之以恆主攻工業",))


def test_wrapped_line_continues_an_open_task_and_stray_lines_are_reported() -> None:
    text = (f"1.{SENTENCE_1[:20]}\n{SENTENCE_1[20:]}（主办单位：区工信局）\n"
            f"这是一行说明文字。\n2.{SENTENCE_2}（主办单位：上饶高新区）\n")
    bd = breakdown_from_text(text, "续.txt")
    assert [t.text for t in bd.tasks] == [SENTENCE_1, SENTENCE_2]
    assert [(i.code, str(i.where)) for i in bd.issues] == [(codes.ROW_SKIPPED, "续.txt!第3行")]
    assert "这是一行说明文字" in bd.issues[0].message


def test_unnumbered_list_and_preamble_headings() -> None:
    text = ("关于印发重点工作责任分工的通知\n各单位：\n一、以目标倒逼落实。各单位要切实加强组织领导。\n"
            "二、以协作抓好落实\n\n重点工作责任分工\n（一）持续壮大产业集群\n"
            f"{SENTENCE_1}（牵头单位：区工信局）\n{SENTENCE_2}\n（牵头单位：上饶高新区）\n"
            "附件：联系人名单\n")
    bd = breakdown_from_text(text, "无号.txt")
    assert [(t.text, t.lead, t.path) for t in bd.tasks] == [
        (SENTENCE_1, ("区工信局",), ("（一）持续壮大产业集群",)),
        (SENTENCE_2, ("上饶高新区",), ("（一）持续壮大产业集群",))]
    assert bd.title == "重点工作责任分工"


def test_paren_numbered_tasks_under_numbered_topics() -> None:
    text = (f"一、工业\n1.产业集群\n（1）{SENTENCE_1}（牵头单位：区工信局）\n"
            f"2.优质企业\n（2）{SENTENCE_2}（牵头单位：上饶高新区）\n")
    bd = breakdown_from_text(text, "题.txt")
    assert [(t.number, t.path) for t in bd.tasks] == [("1", ("一、工业", "1.产业集群")), ("2", ("一、工业", "2.优质企业"))]


# --- the outline: items nested by their markers, tasks decided by units -----------------------------
def _rows(bd) -> list[tuple]:
    return [(t.number, t.path, t.text, t.lead, t.coop, t.leaders) for t in bd.tasks]


def test_paren_chinese_numbers_are_tasks_in_one_section_and_headings_in_the_next() -> None:
    text = ("一、主要目标\n（一）地区生产总值增长7%。（区发改委负责）（二）财政收入增长6%。（区财政局主办，区税务局协办）\n"
            f"二、产业发展\n（一）壮大产业集群\n1.{SENTENCE_1}（区工信局负责）\n2.{SENTENCE_2}（区科技局负责）\n")
    assert _rows(breakdown_from_text(text, "号.txt")) == [
        ("一", ("一、主要目标",), "地区生产总值增长7%。", ("区发改委",), (), ()),
        ("二", ("一、主要目标",), "财政收入增长6%。", ("区财政局",), ("区税务局",), ()),
        ("1", ("二、产业发展", "（一）壮大产业集群"), SENTENCE_1, ("区工信局",), (), ()),
        ("2", ("二、产业发展", "（一）壮大产业集群"), SENTENCE_2, ("区科技局",), (), ())]


def test_headings_that_name_who_leads_are_no_level() -> None:
    text = (f"一、张三副区长牵头重点工作\n1.{SENTENCE_1}\n责任单位：区工信局\n"
            f"二、区科技局牵头工作（2项）\n1.{SENTENCE_2}\n2.{SENTENCE_3}\n")
    bd = breakdown_from_text(text, "领.txt")
    assert _rows(bd) == [("1", (), SENTENCE_1, ("区工信局",), (), ("张三",)),
                         ("1", (), SENTENCE_2, ("区科技局",), (), ()),
                         ("2", (), SENTENCE_3, ("区科技局",), (), ())]
    assert not bd.issues.by_code(codes.SECTION_COUNT) and not bd.issues.by_code(codes.NO_UNITS)


def test_a_progress_report_in_traditional_characters_with_counts_in_its_headings() -> None:
    # 黔东南州2023年度十件民生實事1-3月推進情況 (tests/corpus/heldout/h03), as the state's page writes it
    text = ("黔東南州2023年度十件民生實事1-3月推進情況\n(一)已完成任務共2項\n"
            "1.城鎮公益性崗位安置就業困難人員6100人。(責任單位:州人力資源社會保障局)\n"
            "推進情況:目前累計完成城鎮公益性崗位安置就業困難人員6415人,完成年度任務的105.16%。\n"
            "2.新開工棚戶區改造1666套。(責任單位:州住房城鄉建設局)\n"
            "推進情況:已完成新開工棚戶區改造1666套,完成年度任務的100%。\n")
    bd = breakdown_from_text(text, "黔東南.txt")
    assert [(t.number, t.path, t.text, t.lead, t.progress) for t in bd.tasks] == [
        ("1", ("(一)已完成任務",), "城鎮公益性崗位安置就業困難人員6100人。", ("州人力資源社會保障局",),
         "目前累計完成城鎮公益性崗位安置就業困難人員6415人,完成年度任務的105.16%。"),
        ("2", ("(一)已完成任務",), "新開工棚戶區改造1666套。", ("州住房城鄉建設局",),
         "已完成新開工棚戶區改造1666套,完成年度任務的100%。")]
    assert not [i for i in bd.issues if i.code == codes.SECTION_COUNT]  # 共2項 and two tasks agree


def test_label_lines_with_qualifiers_duty_progress_and_data_providers() -> None:
    text = ("一、主要目标\n1.地区生产总值增长7%。\n牵头负责领导：李四。\n部门分工：区发改委牵头，各镇、各部门配合。\n"
            "2.财政收入增长6%。（市级牵头单位：市财政局；区级牵头单位：区财政局；数据提供单位：区统计局）\n"
            "完成情况：上半年完成12亿元，增长6.1%。\n")
    one, two = breakdown_from_text(text, "签.txt").tasks
    assert (one.text, one.lead, one.coop, one.leaders) == ("地区生产总值增长7%。", ("区发改委",), ("各镇", "各部门"), ("李四",))
    assert (two.lead, two.coop, two.note, two.progress) == (("市财政局", "区财政局"), (), "数据提供单位：区统计局",
                                                            "上半年完成12亿元，增长6.1%。")


def test_a_responsibility_line_after_the_items_is_theirs() -> None:
    text = f"（一）壮大产业集群\n1.{SENTENCE_1}\n2.{SENTENCE_2}\n牵头单位：区工信局；责任单位：区科技局\n"
    assert [(t.number, t.lead, t.coop) for t in breakdown_from_text(text, "组.txt").tasks] == [
        ("1", ("区工信局",), ("区科技局",)), ("2", ("区工信局",), ("区科技局",))]


def test_unnumbered_paragraphs_under_a_heading_and_a_topic_line_between_levels() -> None:
    text = ("一、扩大有效需求\n（一）推动消费稳定增长。\n"
            f"{SENTENCE_1}（区商务局、区财政局等负责）\n{SENTENCE_2}（区工信局负责）\n"
            f"（二）扩大有效投资\n加强基础设施建设\n3.{SENTENCE_3}（区发改委负责）\n")
    assert _rows(breakdown_from_text(text, "段.txt")) == [
        ("", ("一、扩大有效需求", "（一）推动消费稳定增长"), SENTENCE_1, ("区商务局", "区财政局"), (), ()),
        ("", ("一、扩大有效需求", "（一）推动消费稳定增长"), SENTENCE_2, ("区工信局",), (), ()),
        ("3", ("一、扩大有效需求", "（二）扩大有效投资", "加强基础设施建设"), SENTENCE_3, ("区发改委",), (), ())]


def test_numbering_styles_and_a_line_that_lost_its_breaks() -> None:
    text = (f"现将任务分解如下。 一、产业 （一）工业 1.{SENTENCE_1}（区工信局负责） "
            f"2.{SENTENCE_2}（区科技局负责）\n第二，民生\n①{SENTENCE_3}（区人社局负责）\n"
            f"②{SENTENCE_1}（区民政局负责）\n第三，城乡\n1 {SENTENCE_2}（区住建局负责）\n")
    assert [(t.number, t.path, t.lead) for t in breakdown_from_text(text, "式.txt").tasks] == [
        ("1", ("一、产业", "（一）工业"), ("区工信局",)), ("2", ("一、产业", "（一）工业"), ("区科技局",)),
        ("1", ("第二，民生",), ("区人社局",)), ("2", ("第二，民生",), ("区民政局",)),
        ("1", ("第三，城乡",), ("区住建局",))]


def test_the_preamble_and_its_numbered_requirements_are_no_tasks() -> None:
    text = ("区政府办公室关于印发重点工作任务分解的通知\n各镇人民政府，区政府各部门：\n"
            "一、各责任单位要高度重视，切实加强领导。\n二、各单位要按季度报送进展情况。\n"
            "区政府办公室\n2023年1月3日\n"
            "2023年重点工作任务分解\n一、主要目标\n（一）地区生产总值增长7%以上\n责任单位：区发展和改革局\n")
    bd = breakdown_from_text(text, "序.txt")
    assert _rows(bd) == [("一", ("一、主要目标",), "地区生产总值增长7%以上", ("区发展和改革局",), (), ())]
    assert not bd.issues.by_code(codes.ROW_SKIPPED)


def test_a_notice_that_says_the_first_unit_leads() -> None:
    text = ("（除标注为“牵头”的单位外，列第一位的为牵头单位，下同）\n"
            f"1.{SENTENCE_1}\n责任单位：区工信局、区科技局\n"
            f"2.{SENTENCE_2}\n责任单位：区发改委、区财政局牵头，区商务局\n")
    bd = breakdown_from_text(text, "首.txt")
    assert [(t.lead, t.coop) for t in bd.tasks] == [(("区工信局",), ("区科技局",)),
                                                   (("区发改委", "区财政局"), ("区商务局",))]
    assert any("列第一位的为牵头" in d for d in bd.layout.decisions)


# --- files and bad input ----------------------------------------------------------------------------
def test_encodings(tmp_path: Path) -> None:
    text = f"1.{SENTENCE_2}（牵头单位：上饶高新区）\n"
    for name, data in (("gbk.txt", text.encode("gbk")), ("bom.txt", text.encode("utf-8-sig")),
                       ("u16.txt", text.encode("utf-16")), ("crlf.txt", text.replace("\n", "\r\n").encode())):
        (tmp_path / name).write_bytes(data)
        (task,) = import_text(tmp_path / name).tasks
        assert (task.text, task.lead) == (SENTENCE_2, ("上饶高新区",)), name


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "空.txt"
    path.write_text(" \n\u3000\n\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=r"^空\.txt: 文件是空的"):
        import_text(path)


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "分工.txt"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    with pytest.raises(WorkbookError, match=r"^分工\.txt: 不是文本文件"):
        import_text(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match=r"^无\.txt: 文件不存在"):
        import_text(tmp_path / "无.txt")


def test_text_without_tasks(tmp_path: Path) -> None:
    path = tmp_path / "通知.txt"
    path.write_text("关于做好工作的通知\n各单位：\n一、加强领导。请认真落实。\n1.狠抓落实。\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=r"^通知\.txt: 未找到任务.*任务行形如“1\.任务内容。（牵头单位"):
        import_text(path)


# --- seed 002 as a prose plan -----------------------------------------------------------------------
def test_seed002_plan_is_a_draft_without_units() -> None:
    _text(SEED_002)
    bd = import_text(SEED_002, plan=True)
    assert len(bd.tasks) > 40
    assert all(t.lead == () and t.coop == () for t in bd.tasks)
    yet = bd.issues.by_code(codes.NO_UNITS_YET)
    assert [i.task_id for i in yet] == [t.id for t in bd.tasks]
    assert {i.severity for i in yet} == {Severity.INFO} and "尚未分配单位" in yet[0].message
    assert not bd.issues.by_code(codes.NO_UNITS)
    assert (bd.title, bd.year) == ("区政府的年度工作方案", 2023)
    first = bd.tasks[0]
    assert first.path == ("实施创新引领工程",) and first.text.startswith("深入推进国家可持续开展实验区建设")
    assert any("效劳" in t.text for t in bd.tasks)  # OCR damage kept as written
    assert not any("温馨提示" in t.text or "下载" in t.text or "预期目标" in t.text for t in bd.tasks)


def test_plan_with_numbered_headings() -> None:
    text = ("区政府2023年工作计划\n一、实施创新引领工程\n深入推进实验区建设。加快构建孵化培育体系。\n"
            "二、实施工业提升工程。推动电子信息企业集群集聚发展。开展龙头企业创新转型试点。\n")
    bd = breakdown_from_text(text, "计划.txt", plan=True)
    assert [(t.number, t.path, t.text) for t in bd.tasks] == [
        ("1", ("一、实施创新引领工程",), "深入推进实验区建设。"),
        ("2", ("一、实施创新引领工程",), "加快构建孵化培育体系。"),
        ("3", ("二、实施工业提升工程",), "推动电子信息企业集群集聚发展。"),
        ("4", ("二、实施工业提升工程",), "开展龙头企业创新转型试点。")]
    assert bd.issues.codes() == [codes.NO_UNITS_YET] * 4


def test_a_paragraph_of_tasks_each_ending_in_posts_and_verbs() -> None:
    # 湖南省 2016《政府工作报告》重点工作部门分工的意见 (湘政发〔2016〕1号, tests/corpus/heldout/h09)
    text = ("省直和中央在湘有关单位：\n一、努力保持经济平稳健康发展\n"
            "（一）增强创新驱动发展能力。推进长株潭自主创新示范区建设，构建科技金融结合等政策体系（分管副省长、协管副秘书长负责，"
            "省科技厅牵头。明确牵头部门的，其他有关部门配合，不逐一列出，下同）。落实企业研发费用加计扣除、高新技术企业所得税减免政策"
            "（分管副省长、协管副秘书长负责，省科技厅、省发改委、省财政厅等负责。列第一位的为牵头部门，其他部门和单位按职责分工负责，下同），"
            "建设一批众创空间和农村“星创天地”（分管副省长、协管副秘书长负责，省科技厅牵头）。\n")
    bd = breakdown_from_text(text, "湘.txt")
    assert [(t.path, t.text, t.lead, t.coop, t.leaders) for t in bd.tasks] == [
        (("一、努力保持经济平稳健康发展", "（一）增强创新驱动发展能力"), "推进长株潭自主创新示范区建设，构建科技金融结合等政策体系",
         ("省科技厅",), (), ("分管副省长", "协管副秘书长")),
        (("一、努力保持经济平稳健康发展", "（一）增强创新驱动发展能力"), "落实企业研发费用加计扣除、高新技术企业所得税减免政策",
         ("省科技厅",), ("省发改委", "省财政厅"), ("分管副省长", "协管副秘书长")),
        (("一、努力保持经济平稳健康发展", "（一）增强创新驱动发展能力"), "建设一批众创空间和农村“星创天地”",
         ("省科技厅",), (), ("分管副省长", "协管副秘书长")),
    ]


def test_unnumbered_tasks_run_together_each_followed_by_its_bracket() -> None:
    # The layout of 天津市 2006's 《纲要》 分工 (tests/corpus/heldout2/h17): "…。(X牵头)…。(Y牵头)" on one line,
    # the next task's text right after the closing bracket; a bracket that names no role stays in the text.
    text = ("各区县人民政府，各委、局：\n一、责任分工\n（一）主要目标。\n1.主要指标的责任部门。\n"
            "常住人口控制在1150万人左右。(市人口计生委、市公安局牵头)万元地区生产总值能源消耗降低20%。(市经委牵头)"
            "推进各乡镇(街道)耕地保护。(市国土房管局牵头)\n")
    bd = breakdown_from_text(text, "津.txt")
    path = ("一、责任分工", "（一）主要目标", "1.主要指标的责任部门")
    assert [(t.path, t.text, t.lead, t.coop) for t in bd.tasks] == [
        (path, "常住人口控制在1150万人左右。", ("市人口计生委", "市公安局"), ()),
        (path, "万元地区生产总值能源消耗降低20%。", ("市经委",), ()),
        (path, "推进各乡镇(街道)耕地保护。", ("市国土房管局",), ()),
    ]


def test_roles_given_at_the_start_of_a_paragraph_are_cut_out_of_its_text() -> None:
    # The layout of 兰州's list (tests/corpus/heldout2/h20), in a notice of our own: a titled item whose
    # paragraph opens with "由X副市长负责，Y牵头，Z配合，"; here in traditional characters with ASCII
    # commas, which must stay as written. A numbered line can open with the roles too.
    text = ("一、重點項目\n"
            "1、綜合配套改革試驗區事宜\n"
            "由楊志武副市長負責,市發改委牽頭,市財政局、市商務局配合,盡快完成實施方案,報省政府審批。\n"
            "2.市环保局牵头，市统计局配合，开展大气污染成因研究。\n"
            "3.由区政府负责实施的老旧小区改造项目年内完工。（区住建局牵头）\n")
    bd = breakdown_from_text(text, "兰.txt")
    assert [(t.number, t.text, t.lead, t.coop, t.leaders) for t in bd.tasks] == [
        ("1", "綜合配套改革試驗區事宜盡快完成實施方案,報省政府審批。", ("市發改委",), ("市財政局", "市商務局"), ("楊志武",)),
        ("2", "开展大气污染成因研究。", ("市环保局",), ("市统计局",), ()),
        ("3", "由区政府负责实施的老旧小区改造项目年内完工。", ("区住建局",), (), ()),
    ]
    assert bd.tasks[0].path == ("一、重點項目",)


def test_a_leader_named_with_a_post_in_a_role_bracket_is_the_person() -> None:
    # "（张明副市长负责，…）" names a person; "（分管副市长负责，…）" only a post, which stays as written.
    text = ("一、重点工作\n"
            "1.推进城市更新行动。（张明副市长负责，市住建局牵头，市财政局配合）\n"
            "2.开展营商环境评价。（分管副市长负责，市发改委牵头）\n")
    bd = breakdown_from_text(text, "市.txt")
    assert [(t.lead, t.coop, t.leaders) for t in bd.tasks] == [
        (("市住建局",), ("市财政局",), ("张明",)),
        (("市发改委",), (), ("分管副市长",)),
    ]


def test_a_labelled_result_is_a_column_of_its_own_not_task_text(tmp_path: Path) -> None:
    # The layout of 海东's list (tests/corpus/heldout2/h19), in a notice of our own: after each numbered
    # line a "工作成果：" paragraph (the expected result), then 责任单位. The result is kept under its
    # label (Task.extra, a column of the standard workbook), as written, with its final 。.
    text = ("一、规划衔接方面\n"
            "1. 做好国土空间规划的有效衔接。\n"
            "工作成果:推动规划有序衔接、同步实施。\n"
            "责任单位:市发展改革委、市自然资源局\n"
            "2. 推进城际铁路前期工作。\n"
            "預期成果：完成可研報告\n"
            "牵头单位：市交通运输局\n")
    bd = breakdown_from_text(text, "海.txt")
    assert [(t.text, t.lead, t.extra) for t in bd.tasks] == [
        ("做好国土空间规划的有效衔接。", ("市发展改革委", "市自然资源局"), (("工作成果", "推动规划有序衔接、同步实施。"),)),
        ("推进城际铁路前期工作。", ("市交通运输局",), (("預期成果", "完成可研報告"),)),
    ]
    out = write_breakdown(bd, tmp_path / "任务分解.xlsx")
    back = read_breakdown(out)
    assert [t.extra for t in back.tasks] == [(("工作成果", "推动规划有序衔接、同步实施。"),), (("預期成果", "完成可研報告"),)]


def test_a_labelled_target_in_the_preamble_is_the_notice_not_a_stray_annotation() -> None:
    # "工作目标：" before the first item is the notice's own aim: no task, and no warning that a unit
    # annotation has no task above it (that warning stays for a stray unit line).
    text = ("关于印发老旧小区改造重点任务的通知\n工作目标：到2025年全面完成改造。\n牵头单位：市住建局\n"
            "一、重点任务\n1.推进改造。（牵头单位：市住建局）\n")
    bd = breakdown_from_text(text, "x.txt")
    assert [t.text for t in bd.tasks] == ["推进改造。"]
    assert [(i.where.row, i.message) for i in bd.issues] == [
        (3, "该行是单位标注，但前面没有任务，未导入：“牵头单位：市住建局”")]


def test_a_copy_cut_inside_its_last_item() -> None:
    # A page copied only in part (tests/corpus/heldout2/h13, h16): the last item stops inside a sentence.
    head = "一、疫情防控\n1.完善常态化防控举措。\n责任单位：市卫生健康委\n"
    cut = breakdown_from_text(head + "2.健全应急指挥、疾病预防控制、健康\n", "许.txt")
    assert [t.number for t in cut.tasks] == ["1"]
    assert [(i.code, i.severity, i.where.row, i.message) for i in cut.issues] == [
        (codes.ROW_SKIPPED, Severity.WARNING, 4,
         "该行是全文最后一项，没有单位标注，文字在句中断开（原文可能复制不全），未导入：“2.健全应急指挥、疾病预防控制、健康”")]
    # Whole, the same item without units is a task (and lacks its units).
    whole = breakdown_from_text(head + "2.健全应急指挥体系。\n", "许.txt")
    assert [t.number for t in whole.tasks] == ["1", "2"]
    assert [i.code for i in whole.issues] == [codes.NO_UNITS]
    # An indicator without 。 whose units follow is whole.
    indicator = breakdown_from_text(head + "2.规上工业增加值增长12%以上\n责任单位：区经信局\n", "蔡.txt")
    assert [(t.number, t.lead) for t in indicator.tasks] == [("1", ("市卫生健康委",)), ("2", ("区经信局",))]
    assert list(indicator.issues) == []
    # Cut inside its unit bracket: imported with what it has, and a warning.
    bracket = breakdown_from_text(head + "2.实施种业振兴行动，支持种质资源保护利用。（责任单位：自治区农牧厅、科技\n", "蒙.txt")
    assert [(t.number, t.lead) for t in bracket.tasks] == [("1", ("市卫生健康委",)), ("2", ("自治区农牧厅",))]
    assert bracket.tasks[1].persons == ("科技",)  # the cut name reads as a person's (units.py), kept there
    assert [(i.code, i.severity, i.where.row, i.message) for i in bracket.issues
            if i.code == codes.TEXT_CUT] == [
        (codes.TEXT_CUT, Severity.WARNING, 4,
         "全文最后一项任务（2，第 4 行）在句中或括号中断开（原文可能复制不全），已导入，请对照原文补全任务内容和单位")]


def test_headings_that_name_the_leading_unit_and_the_paragraphs_under_them() -> None:
    # The layout of 山西 2008 (tests/corpus/heldout3/h26), in a notice of our own: a leader's heading,
    # then "（一）X牵头的工作" headings; under each, unnumbered paragraphs or numbered items are the
    # tasks, each with or without a "协同单位：" line. The heading's unit leads every task under it,
    # also the tasks that name cooperating units of their own; the leader's role sentence is no task.
    text = ("一、王明市长负责的工作\n"
            "全面负责市政府工作任务的落实。\n"
            "（一）市监察局牵头的工作\n"
            "加强行政监察工作。\n"
            "（二）市审计局牵头的工作\n"
            "全面加强审计工作。\n"
            "协同单位：市直各部门和各县人民政府。\n"
            "（三）市编办牵头的工作\n"
            "1.深化行政管理体制改革。\n"
            "2.推进乡镇机构改革。\n"
            "协同单位：市财政局、市人事局。\n")
    bd = breakdown_from_text(text, "晋.txt")
    assert [(t.number, t.path, t.text, t.lead, t.coop, t.leaders) for t in bd.tasks] == [
        ("", (), "加强行政监察工作。", ("市监察局",), (), ("王明",)),
        ("", (), "全面加强审计工作。", ("市审计局",), ("市直各部门", "各县人民政府"), ("王明",)),
        ("1", (), "深化行政管理体制改革。", ("市编办",), ("市财政局", "市人事局"), ("王明",)),
        ("2", (), "推进乡镇机构改革。", ("市编办",), ("市财政局", "市人事局"), ("王明",)),
    ]


def test_a_heading_gives_its_lead_and_its_cooperating_units_to_the_items_without_units() -> None:
    text = ("一、重点工作\n（一）深化改革（牵头单位：市发改委；配合单位：市财政局）\n1.推进要素市场化配置改革。\n"
            "2.深化国资国企改革。\n（二）扩大开放（牵头单位：市商务局）\n1.稳外贸。\n")
    bd = breakdown_from_text(text, "x.txt")
    assert [(t.text, t.lead, t.coop) for t in bd.tasks] == [
        ("推进要素市场化配置改革。", ("市发改委",), ("市财政局",)),  # the heading's cooperating unit was lost before
        ("深化国资国企改革。", ("市发改委",), ("市财政局",)),
        ("稳外贸。", ("市商务局",), ()),
    ]


def test_roles_for_the_items_above_and_a_unit_named_after_by() -> None:
    # "由X牵头" names X (not "由X"); "上述项目由X牵头负责。" / "以上任务由X牵头，Y配合。" give their roles to
    # every item above back to the last one with units (the layout of h27 上海杨浦, tests/corpus/heldout3).
    text = ("一、重点工作\n"
            "1.推进改革工作，由市发改委牵头，市财政局配合。\n"
            "2.推进开放工作。\n"
            "3.推进外贸工作。\n"
            "以上任务由市商务局牵头，市税务局配合。\n")
    bd = breakdown_from_text(text, "x.txt")
    assert [(t.number, t.text, t.lead, t.coop) for t in bd.tasks] == [
        ("1", "推进改革工作", ("市发改委",), ("市财政局",)),
        ("2", "推进开放工作。", ("市商务局",), ("市税务局",)),
        ("3", "推进外贸工作。", ("市商务局",), ("市税务局",)),
    ]


def test_paragraphs_given_roles_as_the_items_above_are_tasks_of_their_own() -> None:
    # Under a numbered heading whose line is its title and a summary, one paragraph per project, each
    # a whole sentence, and after each group "上述项目由X牵头负责。". Each paragraph is a task; the heading's
    # path is its title; a 【category】 line above it is a level of the path.
    text = ("【公共设施】\n"
            "五、加强社区公共服务设施建设。改建菜市场4家；新建健身点15个。\n"
            "改建标准化菜市场4家。第四季度完成1家。\n"
            "建设菜市场追溯系统。第四季度组织验收。\n"
            "上述项目由区商务委牵头负责。\n"
            "新建小区健身点15个。第四季度验收开放。\n"
            "上述项目由区体育局牵头负责。\n")
    bd = breakdown_from_text(text, "杨.txt")
    path = ("【公共设施】", "五、加强社区公共服务设施建设")
    assert [(t.path, t.text, t.lead) for t in bd.tasks] == [
        (path, "改建标准化菜市场4家。第四季度完成1家。", ("区商务委",)),
        (path, "建设菜市场追溯系统。第四季度组织验收。", ("区商务委",)),
        (path, "新建小区健身点15个。第四季度验收开放。", ("区体育局",)),
    ]


def test_a_wrapped_paragraph_stays_one_task_before_roles_for_the_items_above() -> None:
    # The same roles line after a task whose second line continues its sentence: one task.
    text = "一、重点工作\n1.加快推进老旧小区改造，\n完成改造20个小区。\n上述项目由区住建局牵头负责。\n"
    bd = breakdown_from_text(text, "x.txt")
    assert [(t.text, t.lead) for t in bd.tasks] == [("加快推进老旧小区改造，完成改造20个小区。", ("区住建局",))]


def test_a_bracket_with_together_and_carry_out() -> None:
    # "（A會同B落實）": A leads, B cooperates; "（A負責落實）": A is responsible (the layout of h22 海南 2016).
    text = ("一、圍繞深化改革推進公開\n"
            "(一)推進權力清單公開。(省政府政務服務中心會同有關部門落實)\n"
            "(二)推進監管執法信息公開。(省政府有關部門負責落實)\n")
    bd = breakdown_from_text(text, "琼.txt")
    assert [(t.number, t.text, t.lead, t.coop) for t in bd.tasks] == [
        ("一", "推進權力清單公開。", ("省政府政務服務中心",), ("有關部門",)),
        ("二", "推進監管執法信息公開。", ("省政府有關部門",), ()),
    ]


def test_a_line_not_imported_is_quoted_as_written() -> None:
    text = "一、重點工作\n(一)推進公開。(省政府有關部門負責落實)\n加快推進企業信用信息公示系統建設\n"
    bd = breakdown_from_text(text, "琼.txt")
    assert [(i.code, i.where.row, i.message) for i in bd.issues] == [
        (codes.ROW_SKIPPED, 3, "该行在最后一项任务之后，没有单位标注，未导入：“加快推進企業信用信息公示系統建設”")]


def test_units_that_share_out_the_work_and_a_remark_after_the_first_unit() -> None:
    # "（A牵头，B、C分工负责）" and "（A、B分工负责）" (the layout of h36 安康 2018); a remark after the first
    # unit of a list says the first unit leads, for this list and the ones below it (h31 海盐 2022).
    brackets = ("一、扩大有效投资\n1.实施市级重点项目。（市发改委牵头，各县区政府、市政府有关部门分工负责）\n"
                "2.推进输变电工程。（汉滨区政府、安康供电局分工负责）\n")
    bd = breakdown_from_text(brackets, "安.txt")
    assert [(t.lead, t.coop) for t in bd.tasks] == [
        (("市发改委",), ("各县区政府", "市政府有关部门")),
        (("汉滨区政府", "安康供电局"), ()),
    ]
    labels = ("一、王丹县长牵头重点工作\n1.全县生产总值增长7.5%左右。\n"
              "责任单位：县发改局（首位单位为牵头单位，下同）、县财政局、县税务局\n"
              "2.落实过紧日子要求。\n责任单位：县财政局、县审计局\n")
    bd = breakdown_from_text(labels, "盐.txt")
    assert [(t.lead, t.coop, t.leaders) for t in bd.tasks] == [
        (("县发改局",), ("县财政局", "县税务局"), ("王丹",)),
        (("县财政局",), ("县审计局",), ("王丹",)),
    ]


def test_a_short_topic_line_may_end_in_a_full_stop() -> None:
    # "着力扩大有效投资。" between a heading and its numbered tasks is a level of their path (h32 咸宁 2024).
    text = ("二、2024年重点工作\n（一）强信心、稳预期，推动经济稳健增长。\n着力扩大有效投资。\n"
            "1.持续开展项目攻坚年活动。（牵头单位：市交通运输局）\n")
    bd = breakdown_from_text(text, "咸.txt")
    assert [t.path for t in bd.tasks] == [("二、2024年重点工作", "（一）强信心、稳预期，推动经济稳健增长", "着力扩大有效投资")]


def test_a_line_that_says_who_is_responsible() -> None:
    # "由A，B，C负责落实" on its own line after each task (the layout of h45 周口 2013); no 牵头 word in the
    # notice, so the units lead. A task line that starts with 由 but goes on is a task's text.
    text = ("一、强化项目带动战略\n"
            "1.抓好189个市级重点项目。\n"
            "由市发展改革委,各县市区人民政府,市经济开发区管委会负责落实\n"
            "2.由市交通运输局负责实施的干线公路年内完工。\n"
            "由市交通运输局、市公路局负责落实\n")
    bd = breakdown_from_text(text, "周.txt")
    assert [(t.text, t.lead) for t in bd.tasks] == [
        ("抓好189个市级重点项目。", ("市发展改革委", "各县市区人民政府", "市经济开发区管委会")),
        ("由市交通运输局负责实施的干线公路年内完工。", ("市交通运输局", "市公路局")),
    ]


def test_a_report_in_prose_keeps_each_task_s_progress() -> None:
    # A year-end report (the layout of h42 安顺 2019): after each task's bracket, a paragraph "此项工作已完成。
    # 截至…" is its progress. A heading's own units and status, which go to no task, are reported.
    text = ("截止2019年12月31日，十件实事全面完成。具体情况如下：\n"
            "一、减少扶贫对象。（责任单位：市扶贫办）该件实事已全面完成\n"
            "1.减少农村扶贫对象6.76万人（责任单位：市扶贫办，各县区）\n"
            "此项工作已完成。截至2019年12月底，全市完成7.497万人。\n"
            "2.实施易地扶贫搬迁18695人。（责任单位：市移民局）\n"
            "此项工作已完成。\n"
            "二、解决6万人农村饮水安全问题。（责任单位：市水务局）\n"
            "此项工作已完成。截至2019年12月底，解决6.007万人的饮水安全问题。\n")
    bd = breakdown_from_text(text, "安.txt")
    assert [(t.number, t.path, t.lead, t.progress) for t in bd.tasks] == [
        ("1", ("一、减少扶贫对象",), ("市扶贫办", "各县区"), "此项工作已完成。截至2019年12月底，全市完成7.497万人。"),
        ("2", ("一、减少扶贫对象",), ("市移民局",), "此项工作已完成。"),
        ("二", (), ("市水务局",), "此项工作已完成。截至2019年12月底，解决6.007万人的饮水安全问题。"),
    ]
    assert [(i.code, i.where.row, i.message) for i in bd.issues if i.code == codes.ANNOTATION_UNUSED] == [
        (codes.ANNOTATION_UNUSED, 2, "标题“一、减少扶贫对象”的标注（责任单位：市扶贫办；进展情况：该件实事已全面完成）"
                                     "未用于其下任务（其下任务各有单位），请核对是否应写入各项任务")]


def test_a_notice_on_one_line_without_brackets_is_split_at_its_markers() -> None:
    # A page scraped onto one line, its units given by labels (no bracket anywhere on the line).
    text = "一、重点工作 1.推进改革，加快建设现代化产业体系。牵头单位：市发改委 2.扩大开放，稳外贸稳外资。牵头单位：市商务局\n"
    bd = breakdown_from_text(text, "x.txt")
    assert [(t.number, t.path, t.text, t.lead) for t in bd.tasks] == [
        ("1", ("一、重点工作",), "推进改革，加快建设现代化产业体系。", ("市发改委",)),
        ("2", ("一、重点工作",), "扩大开放，稳外贸稳外资。", ("市商务局",)),
    ]


def test_header_words_broken_into_two_paragraphs_are_joined_by_the_rows_width() -> None:
    # A table scraped one cell per paragraph whose header words each broke into two paragraphs
    # ("责任" / "领导", "第二季度" / "完成情况"; the layout of h58 象山泗洲头镇 2024): the rows are 6
    # cells wide (from "1" to "2"), so the 10 header paragraphs are 6 labels.
    cells = ["某镇2024年重点工作计划执行情况", "序号", "重点工作", "责任", "领导", "责任", "科室", "完成", "时限",
             "第二季度", "完成情况",
             "1", "推进白仙山水库工程政策处理，完成库区坟墓迁移。", "欧乾震", "水库工程领导小组", "2024年底", "坟墓迁移进度达60%。",
             "2", "创建浙江省美丽城镇，完成19个项目建设。", "吴宇凡", "乡村振兴办", "2024年9月底前", "完成投资3000万元。"]
    bd = breakdown_from_text("\n\n".join(cells) + "\n", "镇.txt")
    assert [(t.number, t.text, t.lead, t.leaders, t.deadline.text, t.progress) for t in bd.tasks] == [
        ("1", "推进白仙山水库工程政策处理，完成库区坟墓迁移。", ("水库工程领导小组",), ("欧乾震",), "2024年底", "坟墓迁移进度达60%。"),
        ("2", "创建浙江省美丽城镇，完成19个项目建设。", ("乡村振兴办",), ("吴宇凡",), "2024年9月底前", "完成投资3000万元。"),
    ]


def test_a_table_written_one_cell_per_line_without_blank_lines() -> None:
    # The layout of 芜湖 2019 (tests/corpus/heldout7/h65): the table's cells one per line, no blank line
    # anywhere, the header word spaced out ("目   标   与   任   务").
    lines = ["附件", "2019年度市政府重点工作任务分解表", "序号", "目   标   与   任   务", "牵头责任单位", "责任单位",
             "      1        ", "扎实推进蓝天、碧水、净土三大保卫战。", "市生态环境局", "各县区政府、开发区管委会",
             "      2        ", "增林地、增绿地、增湿地。", "市自然资源和规划局", "各县区政府、开发区管委会"]
    bd = breakdown_from_text("\n".join(lines) + "\n", "芜.txt")
    assert [(t.number, t.text, t.lead, t.coop) for t in bd.tasks] == [
        ("1", "扎实推进蓝天、碧水、净土三大保卫战。", ("市生态环境局",), ("各县区政府", "开发区管委会")),
        ("2", "增林地、增绿地、增湿地。", ("市自然资源和规划局",), ("各县区政府", "开发区管委会")),
    ]
    # A cell wrapped onto a second line makes a row longer than the header: not read line by line.
    wrapped = lines[:9] + ["各县区政府、开发区", "管委会"] + lines[10:]
    with pytest.raises(LayoutError):
        breakdown_from_text("\n".join(wrapped) + "\n", "芜.txt")


def test_heading_rows_of_a_table_that_arrived_as_text() -> None:
    # The layout of 广州 2021 (tests/corpus/heldout4/h33), one cell per paragraph: an unnumbered heading
    # "强化科技创新支撑能力。" on a row of its own, then "(一)" in the 序号 column and its words in the next
    # cell, then the tasks. Both are headings; the unnumbered one is the outer level. A lone cell after
    # a task's row stays that task's sub-row.
    cells = ["序号", "重点工作", "分管领导", "牵头单位", "配合单位",
             "强化科技创新支撑能力。", "(一)", "加强战略科技力量建设。",
             "1", "加快建设科技创新轴。", "王 东", "市科技局", "黄埔区政府",
             "2", "全力做好国家实验室筹建保障服务工作。", "王 东", "市科技局", "市财政局",
             "完成实验室一期建设。",
             "3", "加快建设大湾区国家技术创新中心。", "王 东", "市科技局", "南沙区政府"]
    bd = breakdown_from_text("\n\n".join(cells) + "\n", "穗.txt")
    path = ("强化科技创新支撑能力。", "(一)加强战略科技力量建设。")
    assert [(t.number, t.path, t.text, t.lead) for t in bd.tasks] == [
        ("1", path, "加快建设科技创新轴。", ("市科技局",)),
        ("2", path, "全力做好国家实验室筹建保障服务工作。", ("市科技局",)),
        ("2", path, "完成实验室一期建设。", ("市科技局",)),
        ("3", path, "加快建设大湾区国家技术创新中心。", ("市科技局",)),
    ]


def test_units_that_lead_each_their_part_and_a_leader_who_is_a_party_group_member() -> None:
    # "责任单位：A、B分别牵头" (h77 丽水 2023): both lead; a heading "张盈军区政府党组成员牵头重点工作"
    # names a leader by a party-group post (h71 海曙 2024), and is no level.
    text = ("一、张盈军区政府党组成员牵头重点工作\n1.稳定和扩大就业。\n责任单位：市人力社保局、市农业农村局分别牵头\n"
            "2.推进城市更新。（市住建局、市发改委分别牵头，各区政府配合）\n")
    bd = breakdown_from_text(text, "丽.txt")
    assert [(t.path, t.lead, t.coop, t.leaders) for t in bd.tasks] == [
        ((), ("市人力社保局", "市农业农村局"), (), ("张盈军",)),
        ((), ("市住建局", "市发改委"), ("各区政府",), ("张盈军",)),
    ]


def test_responsible_units_lead_beside_cooperating_ones() -> None:
    # "责任单位：A 项目责任人：X 配合单位：B、C" on one line and no 牵头 label (h76 宁波 2014): the
    # responsible unit leads. Without a 配合单位 label, 责任单位 alone still lead (the notice's rule).
    text = ("2014年民生实事进展情况 1.新增安装300套路口交通信息视频采集设备。 牵头领导:王仁洲 责任单位:市公安局 "
            "项目责任人:王伟标 配合单位:市城管局、市财政局 实际完成情况:整体进度已完成年度目标任务的55%。 "
            "2.轨道交通1号线一期工程投入试运营。 牵头领导:林静国 责任单位:市轨道交通工程建设指挥部\n")
    bd = breakdown_from_text(text, "甬.txt")
    assert [(t.lead, t.coop, t.leaders, t.persons) for t in bd.tasks] == [
        (("市公安局",), ("市城管局", "市财政局"), ("王仁洲",), ("王伟标",)),
        (("市轨道交通工程建设指挥部",), (), ("林静国",), ()),
    ]


def test_whole_header_labels_are_never_joined() -> None:
    # Rows narrower than the header because a merged first column (分类) has no cell in them: the
    # labels are whole words side by side, so none is joined to its neighbour.
    from govtasks.breakdown.textgrid import Cell, _rejoined_header
    cells = [Cell(t, n) for n, t in enumerate(["分类", "序号", "事项", "牵头单位", "1", "地区生产总值增长6.5%以上。",
                                                "区发改局", "2", "固定资产投资增长25%。", "区财政局"], 1)]
    assert _rejoined_header(cells, 0) is cells
    broken = [Cell(t, n) for n, t in enumerate(["序号", "重点工作", "责任", "领导", "1", "推进水库工程建设。", "欧乾震",
                                                 "2", "创建美丽城镇。", "吴宇凡"], 1)]
    assert [c.text for c in _rejoined_header(broken, 0)][:3] == ["序号", "重点工作", "责任领导"]


def test_a_heading_duty_line_gives_its_leader_to_tasks_that_name_their_own_units() -> None:
    # "任务分工：X副省长负责，Y总牵头。" under a heading whose items each name their units (the layout
    # of h91 黑龙江 2009): the leader goes to every item; the heading's lead unit goes to none (each has
    # its own lead) and is reported as unused. "总牵头" is a lead verb.
    text = ("一、粮食产能工程\n任务分工：王明副省长负责，省农委总牵头。\n"
            "1.水利化工程：新增节水灌溉面积75万亩。省水利厅牵头，省发改委、省财政厅等单位配合。\n"
            "2.农机化工程：新建现代农机合作社30个。省农机局牵头，省财政厅配合。\n"
            "二、产业项目工程\n任务分工：李强副省长负责。\n3.推进重点项目建设。（省发改委牵头）\n")
    bd = breakdown_from_text(text, "黑.txt")
    assert [(t.number, t.lead, t.coop, t.leaders) for t in bd.tasks] == [
        ("1", ("省水利厅",), ("省发改委", "省财政厅"), ("王明",)),
        ("2", ("省农机局",), ("省财政厅",), ("王明",)),
        ("3", ("省发改委",), (), ("李强",)),
    ]
    assert [(i.where.row, i.message) for i in bd.issues if i.code == codes.ANNOTATION_UNUSED] == [
        (1, "标题“一、粮食产能工程”的标注（牵头单位：省农委）未用于其下任务（其下任务各有单位），请核对是否应写入各项任务")]


def test_headings_four_levels_deep_keep_every_level(tmp_path: Path) -> None:
    # 一、 / （一） / 1. / （1） above the ① items (the layout of h103 楚雄 2021): the standard workbook
    # has three heading levels, so the third and fourth are written together in the third (the fourth
    # was dropped), said once in an INFO issue, and the path survives the standard workbook.
    text = ("一、工作任务\n（一）实施民生工程\n1.城乡居民增收工程\n（1）增加城镇居民收入\n"
            "①以就业促增收。（牵头部门：州人社局）\n（2）增加农村居民收入\n①发展特色产业。（牵头部门：州农业农村局）\n")
    bd = breakdown_from_text(text, "楚.txt")
    assert [(t.number, t.path) for t in bd.tasks] == [
        ("1", ("一、工作任务", "（一）实施民生工程", "1.城乡居民增收工程 （1）增加城镇居民收入")),
        ("1", ("一、工作任务", "（一）实施民生工程", "1.城乡居民增收工程 （2）增加农村居民收入")),
    ]
    assert [(i.code, i.where.row, i.message) for i in bd.issues if i.code == codes.DEEP_PATH] == [
        (codes.DEEP_PATH, 5, "有 2 项任务的标题多达 4 级，标准任务分解表只有三级标题：第三级及以下的标题合写在“三级标题”中")]
    out = write_breakdown(bd, tmp_path / "标准.xlsx")
    assert [t.path for t in read_breakdown(out).tasks] == [t.path for t in bd.tasks]


def test_a_bracket_of_duties_a_label_and_a_remark() -> None:
    # "〔A、B等按职责分工负责。责任单位：C、D。以下均需C、D落实，不再列出。〕" (the template of the
    # 碳达峰 plans; h104 玉林 2024): the departments that share the duty and the 责任单位 are the task's
    # units (with no lead label, all lead), the remark is taken out of them and said in the summary.
    text = ("1.加强生态环境准入管理，严格落实产业政策。〔市生态环境局、市发展改革委等按职责分工负责。"
            "责任单位：各县（市、区）人民政府、各开发园区管委会。以下均需各县（市、区）人民政府、各开发园区管委会落实，不再列出。〕\n"
            "2.坚决遏制“两高”项目盲目发展。〔市发展改革委、市工业和信息化局等按职责分工负责〕\n")
    bd = breakdown_from_text(text, "玉.txt")
    assert [(t.number, t.text, t.lead, t.coop) for t in bd.tasks] == [
        ("1", "加强生态环境准入管理，严格落实产业政策。",
         ("市生态环境局", "市发展改革委", "各县（市、区）人民政府", "各开发园区管委会"), ()),
        ("2", "坚决遏制“两高”项目盲目发展。", ("市发展改革委", "市工业和信息化局"), ()),
    ]
    assert "单位标注中的说明“以下均需各县（市、区）人民政府、各开发园区管委会落实，不再列出”已从单位名单中移出" in bd.layout.decisions


def test_a_merged_category_column_before_the_number_column() -> None:
    # 类别 | 序号 | 工作任务 | 牵头单位 | 配合单位, the category merged over its rows (the layout of
    # h78 莲都 2023): a scrape writes the category only on the first row of its group, right before
    # the row's number, so after the header it reads like one more label, and later it follows the
    # last cell of the row above. Both as one cell per paragraph and one cell per line.
    cells = ["类别", "序号", "工作任务", "牵头单位", "配合单位",
             "经济发展", "1", "全区生产总值增长6%以上。", "区发改局", "区统计局",
             "2", "固定资产投资增长10%。", "区发改局", "区财政局",
             "扩大有效投资和消费需求", "3", "社会消费品零售总额增长7%。", "区商务局", "区市场监管局、区财政局",
             "4", "引进亿元以上项目30个。", "区投资促进中心", "各街道"]
    expected = [
        ("1", ("经济发展",), "全区生产总值增长6%以上。", ("区发改局",), ("区统计局",)),
        ("2", ("经济发展",), "固定资产投资增长10%。", ("区发改局",), ("区财政局",)),
        ("3", ("扩大有效投资和消费需求",), "社会消费品零售总额增长7%。", ("区商务局",), ("区市场监管局", "区财政局")),
        ("4", ("扩大有效投资和消费需求",), "引进亿元以上项目30个。", ("区投资促进中心",), ("各街道",)),
    ]
    for sep in ("\n\n", "\n"):
        bd = breakdown_from_text(sep.join(cells) + "\n", "莲.txt")
        assert [(t.number, t.path, t.text, t.lead, t.coop) for t in bd.tasks] == expected, repr(sep)


def test_a_target_label_right_after_a_unit_ends_the_unit_list() -> None:
    # "责任单位:莲塘镇任务目标:2024年…" (h85 南昌县 2024): the target's label follows the unit at once;
    # the unit stays a unit and the target is a column of its own.
    text = ("二、10万平方米老旧小区改造项目\n牵头领导:涂超\n牵头单位:县住建局\n"
            "责任单位:莲塘镇任务目标:2024年计划改造完成莲塘镇莲水巷等住宅小区。\n")
    bd = breakdown_from_text(text, "南.txt")
    assert [(t.text, t.lead, t.coop, t.leaders, t.extra) for t in bd.tasks] == [
        ("10万平方米老旧小区改造项目", ("县住建局",), ("莲塘镇",), ("涂超",),
         (("任务目标", "2024年计划改造完成莲塘镇莲水巷等住宅小区。"),)),
    ]
