"""Unit-cell parsing on the cells real documents contain (domain.md, seeds)."""

from __future__ import annotations

import pytest

from govtasks.breakdown.units import (
    UnitResolver,
    alias_key,
    is_group,
    split_names,
    split_units,
)
from govtasks.model import RosterUnit


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("区人社局、教体局", ("区人社局", "区教体局")),                       # prefix inheritance (seed 003)
        ("市发改委、财政局", ("市发改委", "市财政局")),
        ("上饶高新区、各乡镇(街道)", ("上饶高新区", "各乡镇（街道）")),        # never split inside brackets; brackets full width
        ("各县（市、区）人民政府", ("各县（市、区）人民政府",)),
        ("县发改局（粮食局）、县财政局", ("县发改局（粮食局）", "县财政局")),
        ("智能网联及新能源 汽车招商中心 成员单位", ("智能网联及新能源汽车招商中心成员单位",)),  # seed 004 wrap
        ("区直各单位 各街道", ("区直各单位", "各街道")),                      # seed 004 space separator
        ("国家金融监管\n总局芜湖分局", ("国家金融监管总局芜湖分局",)),          # seed 001 wrapped line
        ("各县市区政府、\n开发区管委会", ("各县市区政府", "开发区管委会")),
        ("市发改委\n市经信局\n市商务局", ("市发改委", "市经信局", "市商务局")),
        ("区财政局，区商务局；区税务局;区统计局,区审计局", ("区财政局", "区商务局", "区税务局", "区统计局", "区审计局")),
        ("区科技局(增材办)", ("区科技局（增材办）",)),
        ("市住建局\n（市人民城建办）\n市发改委", ("市住建局（市人民城建办）", "市发改委")),  # seed 001 task 23
        ("岳麓区和市直相关单位", ("岳麓区", "市直相关单位")),                      # corpus c19
        ("省商务厅、省文化和旅游厅", ("省商务厅", "省文化和旅游厅")),
        ("", ()),
        ("区财政局、区财政局", ("区财政局",)),
    ],
)
def test_split_units(cell: str, names: tuple[str, ...]) -> None:
    assert split_units(cell).names == names


def test_star_marks_lead() -> None:
    cell = split_units("区发改委*、区财政局、区商务局＊")
    assert cell.names == ("区发改委", "区财政局", "区商务局")
    assert cell.marked == ("区发改委", "区商务局")


@pytest.mark.parametrize(
    ("cell", "names", "marked"),
    [
        ("省发展改革委牵头，各地、各部门配合。", ("省发展改革委", "各地", "各部门"), ("省发展改革委",)),  # corpus c13
        ("省政府办公厅、省财政厅牵头，省商务厅、省文化广电和旅游厅", ("省政府办公厅", "省财政厅", "省商务厅", "省文化广电和旅游厅"),
         ("省政府办公厅", "省财政厅")),                                                               # corpus c03
        ("區工信局主辦，區科技局協辦", ("區工信局", "區科技局"), ("區工信局",)),                         # traditional verbs
        ("市农业农村局、市商务局\n省牵头单位：省农业农村厅", ("市农业农村局", "市商务局", "省农业农村厅"), ("省农业农村厅",)),  # c04
        ("牵头单位：区工信局\n配合单位：区科技局、区财政局", ("区工信局", "区科技局", "区财政局"), ("区工信局",)),
        ("区人社局、区教体局等按职责分工负责", ("区人社局", "区教体局"), ()),
    ],
)
def test_verbs_and_labels_in_a_unit_cell(cell: str, names: tuple[str, ...], marked: tuple[str, ...]) -> None:
    found = split_units(cell)
    assert (found.names, found.marked) == (names, marked)


def test_person_names_keep_inner_spaces() -> None:
    assert split_names("刘 哲\n王爱民、张三") == ("刘 哲", "王爱民", "张三")


@pytest.mark.parametrize("name", ["各镇政府", "各县市区政府", "开发区管委会", "各街道", "区直各单位", "相关单位",
                                  "区直有关单位", "增收工作领导小组各成员单位", "各乡镇(街道)"])
def test_groups(name: str) -> None:
    assert is_group(name)


@pytest.mark.parametrize("name", ["繁昌经开区管委会", "区发改委", "上饶高新区", "人行芜湖分行"])
def test_not_groups(name: str) -> None:
    assert not is_group(name)


def test_builtin_aliases() -> None:
    assert alias_key("区发改委") == alias_key("区发展改革委") == alias_key("区发展和改革委员会")
    assert alias_key("区人力资源社会保障局") == alias_key("区人社局")
    assert alias_key("市发改委") != alias_key("区发改委")


def test_resolver_without_roster_uses_most_common_spelling() -> None:
    r = UnitResolver()
    merged = r.learn(["区发展改革委", "区发改委", "区发展改革委", "区财政局"])
    assert r.canonical("区发展和改革委员会") == "区发展改革委"
    assert merged == {"区发展改革委": ("区发展改革委", "区发改委")}
    assert r.resolve(["各镇政府", "区发改委"]) == ("各镇政府", "区发展改革委")


def test_resolver_with_roster_expands_groups_and_aliases() -> None:
    roster = [
        RosterUnit(name="区发展和改革委员会", aliases=("发改委",), groups=()),
        RosterUnit(name="峨山镇", groups=("各镇政府",)),
        RosterUnit(name="孙村镇", groups=("各镇政府",)),
    ]
    r = UnitResolver(roster)
    assert r.canonical("区发改委") == "区发展和改革委员会"
    assert r.canonical("发改委") == "区发展和改革委员会"
    assert r.resolve(["各镇政府", "区发展改革委"]) == ("峨山镇", "孙村镇", "区发展和改革委员会")
    assert r.known("区发改委") and not r.known("区财政局")


def test_a_wrap_right_after_the_place_word_stays_inside_the_name() -> None:
    # A PDF wrap space after 市 (tests/corpus/heldout9/h81 新密 2021): "市 财政局" is one unit; two whole
    # names with a space between stay two.
    assert split_units("市 财政局").names == ("市财政局",)
    assert split_units("市 住建局、资源规划 局、大数据局").names == ("市住建局", "市资源规划局", "市大数据局")
    assert split_units("区发改委 区财政局").names == ("区发改委", "区财政局")


def test_wrap_spaces_inside_a_name_whose_parts_look_like_a_person() -> None:
    # "伏羲 山管委 会" (h81 新密 2021): the first part is two characters, like a person's name, but the
    # part after it ends like a unit, so the wrap is inside one name. A person after a unit stays one.
    assert split_units("街道办事处、龙门 山管委 会").names == ("街道办事处", "龙门山管委会")
    assert split_units("区财政局、龙门 山管委 会") == split_units("区财政局、龙门山管委会")
    cell = split_units("市民政局 伍泽国")
    assert (cell.names, cell.persons) == (("市民政局",), ("伍泽国",))


def test_a_two_character_person_after_a_whole_unit_name_is_a_person() -> None:
    # "区发改委 张三": a two-character part after a whole name, ending the name, is the unit's person
    # (it was glued on: "区发改委张三"); a two-character part that a wrapped name goes on after stays inside
    # the name, and so does one that ends like a unit.
    cell = split_units("区发改委 张三、区财政局 李四")
    assert (cell.names, cell.persons) == (("区发改委", "区财政局"), ("张三", "李四"))
    assert split_units("县公安局 交警 大队").names == ("县公安局交警大队",)
    assert split_units("市数据资源管理 中心").names == ("市数据资源管理中心",)


def test_where_two_unit_names_meet_at_a_line_break() -> None:
    # A PDF's cell broken over lines: a break between two whole names stays (they are two units), a
    # break before a short ending of the name above is a wrap.
    from govtasks.breakdown.units import names_meet

    assert names_meet("国家金融监管总局芜湖分局", "市市场监管局")
    assert names_meet("人行芜湖分行", "国家金融监管总局芜湖分局")
    assert names_meet("市卫生健康委", "荔湾区")
    assert not names_meet("繁昌经开区", "管委会")
    assert not names_meet("区人力资源社会", "保障局")
    assert not names_meet("各相关乡", "镇政府")
    assert not names_meet("国家金融监管", "总局芜湖分局")
