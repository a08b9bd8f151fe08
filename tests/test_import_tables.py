"""Importing the real documents' tables (seeds 000, 001, 004) and round-tripping them.

Expected values come from two places that do not use the importer: the seed text
itself (literal facts), and each seed's reconstruction parser (examples/rebuild),
which reads the scraped text directly, row by row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import EXAMPLE_000, EXAMPLE_001, EXAMPLE_004, seed_rows

import govtasks as gt
from govtasks import issues as codes
from govtasks.breakdown.units import _with_prefix, alias_key, split_names


@pytest.fixture(scope="module")
def bd000() -> gt.Breakdown:
    return gt.import_breakdown(EXAMPLE_000)


@pytest.fixture(scope="module")
def bd001() -> gt.Breakdown:
    return gt.import_breakdown(EXAMPLE_001)


@pytest.fixture(scope="module")
def bd004() -> gt.Breakdown:
    return gt.import_breakdown(EXAMPLE_004)


def _keys(names: tuple[str, ...], prefix: str) -> list[str]:
    """Alias keys, reading 生态环境局 as 区生态环境局 in a 区 document (as the importer does)."""
    return [alias_key(_with_prefix(n, prefix)) for n in names]


GOLDEN = Path(__file__).parent / "golden"


def assert_matches_seed(bd: gt.Breakdown, module: str, prefix: str) -> None:
    """Every task's fields equal the seed row parsed straight from the seed text, and its units
    the lists written out by reading the seed (tests/golden/<seed>_units.json)."""
    rows = [r for r in seed_rows(module) if r["kind"] == "task"]
    units = json.loads((GOLDEN / f"{module}_units.json").read_text(encoding="utf-8"))
    assert [t.number for t in bd.tasks] == [r["number"] for r in rows]
    assert sorted(k for k in units if not k.startswith("_")) == sorted(r["number"] for r in rows)
    for task, row in zip(bd.tasks, rows):
        where = f"task {row['number']}"
        assert task.text == row["text"], where
        assert task.path == tuple(row["sections"]), where
        assert task.deadline.text == row["deadline"], where
        written = units[row["number"]]
        assert _keys(task.lead, prefix) == _keys(tuple(written["lead"]), prefix), where
        assert _keys(task.coop, prefix) == _keys(tuple(written["coop"]), prefix), where
        assert task.leaders == split_names(row["leaders"]), where
        assert task.persons == split_names(row["persons"]), where
        assert task.note == row["note"], where
        assert task.progress == row["progress"], where


def test_seed000_matches_seed_rows(bd000: gt.Breakdown) -> None:
    assert len(bd000.tasks) == 138
    assert_matches_seed(bd000, "seed000", "区")


def test_seed000_literal_facts(bd000: gt.Breakdown) -> None:
    t = {task.number: task for task in bd000.tasks}
    first9 = [t[str(n)] for n in range(1, 10)]
    assert {x.path[0] for x in first9} == {"一、全年主要预期目标"}
    assert len({x.path[1] for x in first9}) == 8                  # 8 main indicators in rows 1–9
    assert t["7"].path == t["8"].path == ("一、全年主要预期目标", "7.居民收入")
    assert t["1"].text == "增长8.5%左右,力争增长9%"
    assert t["1"].deadline.due == dt.date(2023, 12, 31)           # "202312月底前" restored
    assert t["1"].lead == ("区发展改革委",) and t["1"].leaders == ("鲁胜启",) and t["1"].persons == ("桂仁章",)
    assert t["9"].lead == ("区发展改革委", "区生态环境分局") and t["9"].persons == ("桂仁章", "滕德宝")
    assert t["14"].lead == ("区财政局", "区地方金融监管局", "区发展改革委")
    assert t["14"].coop == ("各镇政府", "繁昌经开区管委会")
    assert t["138"].lead == ("区住房城乡建设局", "区交通运输局", "区水务局", "区城管局", "区重点工程建设管理中心")
    assert t["138"].path[0] == "七、持续推进政府治理能力现代化"
    assert Counter(x.deadline.kind.value for x in bd000.tasks) == {"date": 101, "ongoing": 37}


def test_seed001_matches_seed_rows(bd001: gt.Breakdown) -> None:
    assert [t.number for t in bd001.tasks] == [str(n) for n in range(1, 221)]
    assert_matches_seed(bd001, "seed001", "市")


def test_seed001_three_level_paths(bd001: gt.Breakdown) -> None:
    t = {task.number: task for task in bd001.tasks}
    assert Counter(x.path[0] for x in bd001.tasks) == {
        "一、主要预期目标": 10, "二、主要做好十个方面工作": 197, "三、加强政府自身建设": 13}
    assert t["1"].path == ("一、主要预期目标",)
    assert t["11"].path == ("二、主要做好十个方面工作", "（一）优化政策机制，激发经济增长新动能。", "1 提高政策工具质效。")
    assert t["11"].lead == ("市发改委", "市自规局", "市财政局", "市经信局", "市科技局", "市地方金融局")
    assert t["11"].coop == ()
    assert "国家金融监管总局芜湖分局" in t["14"].coop                     # wrapped over two lines
    assert t["1"].coop == ("各县市区政府", "开发区管委会")
    assert t["213"].path == ("三、加强政府自身建设", "（三）打造忠诚干净的廉洁政府。")
    assert len({x.path[:2] for x in bd001.tasks if len(x.path) > 1}) == 14
    assert len({x.path for x in bd001.tasks if len(x.path) == 3}) == 37


def test_seed004_matches_seed_rows(bd004: gt.Breakdown) -> None:
    assert len(bd004.tasks) == 126
    assert_matches_seed(bd004, "seed004", "区")


def test_seed004_sections_and_progress(bd004: gt.Breakdown) -> None:
    assert Counter(t.path for t in bd004.tasks) == {
        ("(一)以更实举措提升经济高质量发展质效",): 57, ("(二)以更高标准美化城市环境面貌",): 29,
        ("(三)以更优服务回应人民群众需求",): 28, ("(四)以更新姿态树立政府良好形象",): 12}
    t = {task.number: task for task in bd004.tasks}
    assert t["4"].progress == "中鼎项目已投产;博康项目一期厂房已封顶,预计10月中旬一期厂房主体竣工,2024年启动二期厂房建设。"
    assert t["1"].coop == ("智能网联及新能源汽车招商中心成员单位",)
    assert t["58"].lead == ("规划建设部",) and t["58"].coop == ()
    assert t["57"].coop == ("区直各单位", "各街道")
    assert all(x.progress for x in bd004.tasks)
    assert bd004.title == "弋江区2023年二季度重点工作进展和完成情况" and bd004.year == 2023


@pytest.mark.parametrize("example", [EXAMPLE_000, EXAMPLE_001, EXAMPLE_004], ids=["000", "001", "004"])
def test_round_trip(example: Path, tmp_path: Path) -> None:
    bd = gt.import_breakdown(example)
    out = gt.write_breakdown(bd, tmp_path / "std.xlsx")
    back = gt.read_breakdown(out)
    assert back == bd
    assert back.tasks == bd.tasks and back.roster == bd.roster
    again = gt.read_breakdown(gt.write_breakdown(back, tmp_path / "std2.xlsx"))
    assert again == bd


def test_groups_reported_not_expanded(bd000: gt.Breakdown) -> None:
    groups = {i.unit for i in bd000.issues.by_code(codes.UNIT_GROUP)}
    assert {"各镇政府", "区直有关单位", "区政府各部门", "区直各单位"} <= groups
    issue = next(i for i in bd000.issues.by_code(codes.UNIT_GROUP) if i.unit == "各镇政府")
    assert str(issue.where).startswith("繁昌区2023年区政府重点工作任务.xlsx!")
    assert "名册" in issue.message


def test_roster_expands_groups_and_aliases(tmp_path: Path) -> None:
    roster = [gt.RosterUnit(name="区发展和改革委员会", aliases=("区发展改革委",)),
              gt.RosterUnit(name="峨山镇", groups=("各镇政府",)), gt.RosterUnit(name="孙村镇", groups=("各镇政府",))]
    bd = gt.import_breakdown(EXAMPLE_000, roster=roster)
    t14 = next(t for t in bd.tasks if t.number == "14")
    assert t14.lead == ("区财政局", "区地方金融监管局", "区发展和改革委员会")
    assert t14.coop == ("峨山镇", "孙村镇", "繁昌经开区管委会")
    assert "各镇政府" not in {i.unit for i in bd.issues.by_code(codes.UNIT_GROUP)}
    (unknown,) = bd.issues.by_code(codes.UNIT_UNKNOWN)  # one issue for all the units the roster lacks
    assert "区财政局" in unknown.message
    assert [u.name for u in bd.roster[:3]] == ["区发展和改革委员会", "峨山镇", "孙村镇"]


def test_for_unit_orders_lead_then_coop(bd001: gt.Breakdown) -> None:
    tasks = bd001.for_unit("市科技局")
    roles = [t.role_of("市科技局") for t in tasks]
    assert roles == sorted(roles, key=lambda r: r != "牵头") and "配合" in roles and "牵头" in roles
    assert len(tasks) == sum("市科技局" in t.units for t in bd001.tasks)


def test_to_frame(bd001: gt.Breakdown) -> None:
    df = bd001.to_frame()
    assert len(df) == 220
    assert list(df.columns[:6]) == ["任务编号", "序号", "一级标题", "二级标题", "三级标题", "任务内容"]
    assert df.loc[10, "牵头单位"] == "市发改委、市自规局、市财政局、市经信局、市科技局、市地方金融局"
    assert df.groupby("一级标题").size()["三、加强政府自身建设"] == 13
    assert len(bd001.issues.to_frame()) == len(bd001.issues)


def test_the_issuer_comes_from_the_title_else_from_the_file_name(bd001: gt.Breakdown, tmp_path: Path) -> None:
    """芜湖's table title is "2024年度市政府重点工作任务分解": the place is only in the file name,
    and the report's default title needs it."""
    from helpers import write_xlsx

    assert bd001.issuer == "芜湖市"
    assert gt.merge(bd001, gt.Returns(period="2024Q2")).title == "芜湖市2024年第二季度重点工作进展和完成情况"
    rows = [["序号", "目标与任务", "牵头单位", "责任单位"], ["1", "推进项目建设", "区发改委", "区财政局"]]
    titled = write_xlsx(tmp_path / "附件1：芜湖市2024年度任务.xlsx", {"任务": [["弋江区2024年重点工作任务分解"], *rows]})
    assert gt.import_breakdown(titled).issuer == "弋江区"  # the document's own title first
    untitled = write_xlsx(tmp_path / "附件1：芜湖市2024年度任务.xlsx", {"任务": [["2024年重点工作任务分解"], *rows]})
    assert gt.import_breakdown(untitled).issuer == "芜湖市"  # "附件1：" is not part of the place
    plain = write_xlsx(tmp_path / "重点工作任务.xlsx", {"任务": [["2024年重点工作任务分解"], *rows]})
    assert gt.import_breakdown(plain).issuer == ""
